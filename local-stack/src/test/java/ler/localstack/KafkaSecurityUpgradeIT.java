package ler.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A data directory of a {@code ./run.sh} from before the broker had security (its log
 * formatted without principals) is kept: the launcher adds the principals once, then runs
 * the broker secured.
 */
class KafkaSecurityUpgradeIT {

	@Test
	void aLogFormattedWithoutPrincipalsGetsThemAndIsSecured() throws Exception {
		Path dataDir = Files.createTempDirectory("kafka-upgrade");
		int kafkaPort = FaultSuite.freePort();
		int controllerPort = FaultSuite.freePort();
		Path kafkaDir = Files.createDirectories(dataDir.resolve("kafka"));
		Path properties = kafkaDir.resolve("server.properties");
		// the configuration the launcher wrote before issue 14
		Files.writeString(properties, String.join("\n", "process.roles=broker,controller", "node.id=1",
				"controller.quorum.voters=1@127.0.0.1:" + controllerPort,
				"listeners=PLAINTEXT://127.0.0.1:" + kafkaPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
				"advertised.listeners=PLAINTEXT://127.0.0.1:" + kafkaPort, "controller.listener.names=CONTROLLER",
				"listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
				"inter.broker.listener.name=PLAINTEXT", "log.dirs=" + kafkaDir.resolve("data").toAbsolutePath(), ""));
		Process format = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), "kafka.tools.StorageTool", "format", "-t",
				Uuid.randomUuid().toString(), "-c", properties.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(format.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(format.exitValue()).isZero();

		try (LocalStack stack = new LocalStack(new LocalStack.Settings(Path.of(".").toAbsolutePath(), dataDir,
				kafkaPort, controllerPort, FaultSuite.freePort(), Map.of(), null, null))) {
			stack.startBroker();
			KafkaAccess access = stack.kafkaAccess();
			try (KafkaProducer<String, String> intake = producer(
					access.client(stack.settings().kafka(), "intake-service"));
					KafkaProducer<String, String> reporting = producer(
							access.client(stack.settings().kafka(), "reporting-service"))) {
				assertThat(intake.send(new ProducerRecord<>("ler.requests", UUID.randomUUID().toString(), "{}"))
					.get(30, TimeUnit.SECONDS)
					.topic()).isEqualTo("ler.requests");
				assertThatThrownBy(
						() -> reporting.send(new ProducerRecord<>("ler.requests", "k", "{}")).get(30, TimeUnit.SECONDS))
					.cause()
					.isInstanceOf(TopicAuthorizationException.class);
			}
			assertThat(Files.list(kafkaDir).map((p) -> p.getFileName().toString()).toList())
				.doesNotContain("server-before-security.properties");
			assertThat(List.of(Files.readString(properties).split("\n"))).contains("super.users=User:admin");
			assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)))
				.isEqualTo("rw-------");
		}
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> client) {
		Map<String, Object> config = new java.util.HashMap<>(client);
		config.put("max.block.ms", 15000);
		config.put("delivery.timeout.ms", 20000);
		config.put("request.timeout.ms", 10000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

}
