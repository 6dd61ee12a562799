package ler.localstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker and admin step of docker compose and the local Kubernetes overlay
 * ({@code k8s/overlays/local/kafka-broker.sh} and {@code topics.sh}) run here as they run
 * in the apache/kafka image, against Apache Kafka's own jars instead of the image (no
 * Docker here): the broker takes SCRAM-SHA-512 logins only, the admin step declares the
 * topics, creates the services' principals and grants exactly the ACLs of the broker of
 * {@code ./run.sh} ({@link KafkaAccess#acls()}), and a second run applies a rotated
 * password.
 */
class DeploymentKafkaScriptsIT {

	static final List<String> TOPICS = List.of("ler.requests", "ler.decisions", "ler.requests.dlq.intake",
			"ler.decisions.dlq.intake", "ler.requests.dlq.review", "ler.requests.dlq.reporting",
			"ler.decisions.dlq.reporting");

	static Path work;

	static Path scripts;

	static Process broker;

	static String bootstrap;

	static final Map<String, String> passwords = new HashMap<>();

	@BeforeAll
	static void startBrokerAndRunTheAdminStep() throws Exception {
		scripts = repositoryRoot().resolve(Path.of("k8s", "overlays", "local"));
		work = Files.createTempDirectory("deployment-kafka");
		Path bin = Files.createDirectories(work.resolve("bin"));
		// the image's tools, as wrappers around the same classes on this test's class
		// path
		Map<String, String> tools = Map.of("kafka-storage.sh", "kafka.tools.StorageTool", "kafka-server-start.sh",
				"kafka.Kafka", "kafka-topics.sh", "org.apache.kafka.tools.TopicCommand", "kafka-configs.sh",
				"kafka.admin.ConfigCommand", "kafka-acls.sh", "org.apache.kafka.tools.AclCommand",
				"kafka-broker-api-versions.sh", "org.apache.kafka.tools.BrokerApiVersionsCommand");
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		for (var tool : tools.entrySet()) {
			Path script = bin.resolve(tool.getKey());
			Files.writeString(script, "#!/bin/bash\nexec '" + java + "' $KAFKA_HEAP_OPTS -cp '"
					+ System.getProperty("java.class.path") + "' " + tool.getValue() + " \"$@\"\n");
			assertThat(script.toFile().setExecutable(true)).isTrue();
		}
		Path secrets = Files.createDirectories(work.resolve("secrets"));
		SecureRandom random = new SecureRandom();
		for (String principal : KafkaAccess.principals()) {
			byte[] bytes = new byte[24];
			random.nextBytes(bytes);
			passwords.put(principal, HexFormat.of().formatHex(bytes));
			Files.writeString(secrets.resolve("kafka-" + principal + "-password"), passwords.get(principal) + "\n");
		}
		int port = FaultSuite.freePort();
		int controllerPort = FaultSuite.freePort();
		bootstrap = "127.0.0.1:" + port;
		Map<String, String> environment = new HashMap<>(common());
		environment.putAll(Map.of("KAFKA_NODE_ID", "1", "KAFKA_PROCESS_ROLES", "broker,controller",
				"KAFKA_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controllerPort, "LER_KAFKA_ADVERTISED_HOST",
				"127.0.0.1", "LER_KAFKA_PORT", String.valueOf(port), "LER_KAFKA_CONTROLLER_PORT",
				String.valueOf(controllerPort), "KAFKA_LOG_DIRS", work.resolve("data").resolve("log").toString(),
				"CLUSTER_ID", "5L6g3nShT-eMCtK--X86sw", "LER_KAFKA_CONFIG_DIR", work.resolve("config").toString(),
				"KAFKA_HEAP_OPTS", "-Xmx512m"));
		environment.putAll(Map.of("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1",
				"KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1", "KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1",
				"KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0"));
		ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve("kafka-broker.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("broker.log").toFile());
		builder.environment().putAll(environment);
		broker = builder.start();
		assertThat(runAdminStep("first")).as("topics.sh (see %s)", work.resolve("admin-first.log")).isZero();
	}

	@AfterAll
	static void stopBroker() throws Exception {
		if (broker != null) {
			broker.destroy();
			if (!broker.waitFor(60, TimeUnit.SECONDS)) {
				broker.destroyForcibly();
			}
		}
	}

	@Test
	void theAdminStepGrantsExactlyTheAclsOfTheLocalBroker() throws Exception {
		try (Admin admin = Admin.create(client("admin"))) {
			assertThat(new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)))
				.isEqualTo(new HashSet<>(KafkaAccess.acls()));
		}
	}

	@Test
	void everyTopicIsDeclaredAndKeptForever() throws Exception {
		try (Admin admin = Admin.create(client("admin"))) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.containsExactlyInAnyOrderElementsOf(TOPICS);
			Set<ConfigResource> resources = new HashSet<>();
			TOPICS.forEach((t) -> resources.add(new ConfigResource(ConfigResource.Type.TOPIC, t)));
			admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS).forEach((resource, config) -> {
				assertThat(config.get("retention.ms").value()).as(resource.name()).isEqualTo("-1");
				assertThat(config.get("retention.bytes").value()).as(resource.name()).isEqualTo("-1");
			});
		}
	}

	@Test
	void intakeWritesRequestsAndReportingCannot() throws Exception {
		try (KafkaProducer<String, String> intake = producer(client("intake-service"))) {
			assertThat(intake.send(new ProducerRecord<>("ler.requests", UUID.randomUUID().toString(), "{}"))
				.get(30, TimeUnit.SECONDS)
				.topic()).isEqualTo("ler.requests");
		}
		try (KafkaProducer<String, String> reporting = producer(client("reporting-service"))) {
			assertThatThrownBy(
					() -> reporting.send(new ProducerRecord<>("ler.requests", "k", "{}")).get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void aServiceCannotCreateATopic() {
		try (Admin intake = Admin.create(client("intake-service"))) {
			assertThatThrownBy(() -> intake.createTopics(List.of(new NewTopic("stray", 1, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void aClientWithoutSaslOrWithAWrongPasswordGetsNothing() {
		Map<String, Object> plain = Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "5000",
				"default.api.timeout.ms", "10000");
		try (Admin anonymous = Admin.create(plain)) {
			assertThatThrownBy(() -> anonymous.listTopics().names().get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class);
		}
		Map<String, Object> wrong = new HashMap<>(KafkaAccess.login("intake-service", "wrong"));
		wrong.put("bootstrap.servers", bootstrap);
		try (Admin intake = Admin.create(wrong)) {
			assertThatThrownBy(() -> intake.listTopics().names().get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void aSecondRunIsIdempotentAndAppliesARotatedPassword() throws Exception {
		String old = passwords.get("review-service");
		String rotated = old.substring(1) + "0";
		Files.writeString(work.resolve("secrets").resolve("kafka-review-service-password"), rotated);
		passwords.put("review-service", rotated);
		assertThat(runAdminStep("second")).as("topics.sh again (see %s)", work.resolve("admin-second.log")).isZero();
		try (Admin review = Admin.create(client("review-service"))) {
			assertThat(review.listTopics().names().get(30, TimeUnit.SECONDS)).contains("ler.decisions");
		}
		Map<String, Object> before = new HashMap<>(KafkaAccess.login("review-service", old));
		before.put("bootstrap.servers", bootstrap);
		try (Admin review = Admin.create(before)) {
			assertThatThrownBy(() -> review.listTopics().names().get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(SaslAuthenticationException.class);
		}
		theAdminStepGrantsExactlyTheAclsOfTheLocalBroker();
	}

	/** Runs topics.sh as the compose service and the Job run it; its exit code. */
	private static int runAdminStep(String name) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve("topics.sh").toString())
			.redirectErrorStream(true)
			.redirectOutput(work.resolve("admin-" + name + ".log").toFile());
		builder.environment().putAll(common());
		builder.environment()
			.putAll(Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap, "LER_TOPIC_PARTITIONS", "3", "LER_TOPIC_REPLICATION",
					"1", "LER_TOPIC_MIN_ISR", "1", "LER_KAFKA_WAIT_SECONDS", "180", "LER_TOPICS",
					String.join(" ", TOPICS), "KAFKA_HEAP_OPTS", "-Xmx256m"));
		Process process = builder.start();
		if (!process.waitFor(10, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			return -1;
		}
		return process.exitValue();
	}

	private static Map<String, String> common() {
		return Map.of("KAFKA_BIN", work.resolve("bin").toString(), "LER_KAFKA_SECRETS_DIR",
				work.resolve("secrets").toString(), "LOG_DIR", work.resolve("logs").toString());
	}

	private static Map<String, Object> client(String principal) {
		Map<String, Object> settings = new HashMap<>(KafkaAccess.login(principal, passwords.get(principal)));
		settings.put("bootstrap.servers", bootstrap);
		return settings;
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> settings) {
		Map<String, Object> all = new HashMap<>(settings);
		all.put("acks", "all");
		all.put("max.block.ms", "20000");
		return new KafkaProducer<>(all, new StringSerializer(), new StringSerializer());
	}

	/** The repository's root: the first directory upwards from here that holds k8s/. */
	private static Path repositoryRoot() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isDirectory(dir.resolve("k8s").resolve("overlays").resolve("local"))) {
				return dir;
			}
		}
		throw new IllegalStateException("k8s/overlays/local not found from " + new File("").getAbsolutePath());
	}

}
