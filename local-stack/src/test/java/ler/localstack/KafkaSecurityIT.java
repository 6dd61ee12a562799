package ler.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The broker {@code ./run.sh} starts, secured as the launcher declares it: each service's
 * principal may do only what its ACLs allow, and a client without a valid login gets
 * nothing. Starts the broker only (no service jars needed).
 */
class KafkaSecurityIT {

	static LocalStack stack;

	static KafkaAccess access;

	static String bootstrap;

	@BeforeAll
	static void startBroker() throws Exception {
		Path dataDir = Files.createTempDirectory("kafka-security");
		stack = new LocalStack(new LocalStack.Settings(Path.of(".").toAbsolutePath(), dataDir, FaultSuite.freePort(),
				FaultSuite.freePort(), FaultSuite.freePort(), Map.of(), null, null));
		stack.startBroker();
		access = stack.kafkaAccess();
		bootstrap = stack.settings().kafka();
	}

	@AfterAll
	static void stopBroker() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void intakeWritesRequests() throws Exception {
		try (KafkaProducer<String, String> producer = producer(access.client(bootstrap, "intake-service"))) {
			assertThat(producer.send(new ProducerRecord<>("ler.requests", UUID.randomUUID().toString(), "{}"))
				.get(30, TimeUnit.SECONDS)
				.topic()).isEqualTo("ler.requests");
		}
	}

	@Test
	void reportingCannotWriteRequests() {
		try (KafkaProducer<String, String> producer = producer(access.client(bootstrap, "reporting-service"))) {
			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>("ler.requests", "k", "{}")).get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void reviewCannotWriteRequestsAndIntakeCannotWriteDecisions() {
		try (KafkaProducer<String, String> review = producer(access.client(bootstrap, "review-service"));
				KafkaProducer<String, String> intake = producer(access.client(bootstrap, "intake-service"))) {
			assertThatThrownBy(
					() -> review.send(new ProducerRecord<>("ler.requests", "k", "{}")).get(30, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
			assertThatThrownBy(
					() -> intake.send(new ProducerRecord<>("ler.decisions", "k", "{}")).get(30, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void noServiceCreatesATopic() {
		try (KafkaProducer<String, String> producer = producer(access.client(bootstrap, "intake-service"))) {
			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>("requests", "k", "{}")).get(30, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void reportingReadsRequestsInItsOwnGroupOnly() {
		Map<String, Object> own = new HashMap<>(access.client(bootstrap, "reporting-service"));
		own.put("group.id", "reporting-requests");
		own.put("auto.offset.reset", "earliest");
		try (KafkaConsumer<String, String> consumer = consumer(own)) {
			consumer.subscribe(List.of("ler.requests"));
			ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(5));
			assertThat(records).isNotNull();
		}
		Map<String, Object> foreign = new HashMap<>(access.client(bootstrap, "reporting-service"));
		foreign.put("group.id", "review-cases");
		try (KafkaConsumer<String, String> consumer = consumer(foreign)) {
			consumer.subscribe(List.of("ler.requests"));
			assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
				.isInstanceOf(GroupAuthorizationException.class);
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		Map<String, Object> client = new HashMap<>(KafkaAccess.login("intake-service", "not-its-password"));
		client.put("bootstrap.servers", bootstrap);
		try (KafkaProducer<String, String> producer = producer(client)) {
			assertThatThrownBy(
					() -> producer.send(new ProducerRecord<>("ler.requests", "k", "{}")).get(30, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void anAnonymousClientIsRefused() {
		try (Admin anonymous = Admin.create(
				Map.of("bootstrap.servers", bootstrap, "default.api.timeout.ms", 5000, "request.timeout.ms", 2000))) {
			// PLAINTEXT to the SASL port: the broker drops the connection before any
			// request
			assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
		}
	}

	@Test
	void topicsAreDeclaredKeptForever() throws Exception {
		try (Admin admin = Admin.create(access.client(bootstrap, KafkaAccess.ADMIN))) {
			assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(KafkaAccess.EVENT_TOPICS)
				.containsAll(KafkaAccess.DEAD_LETTER_TOPICS.get("reporting-service"));
			ConfigResource requests = new ConfigResource(ConfigResource.Type.TOPIC, "ler.requests");
			Config config = admin.describeConfigs(List.of(requests)).all().get(30, TimeUnit.SECONDS).get(requests);
			assertThat(config.get("retention.ms").value()).isEqualTo("-1");
		}
		// a service may check that (Describe, DescribeConfigs) but not change it
		try (Admin intake = Admin.create(access.client(bootstrap, "intake-service"))) {
			ConfigResource requests = new ConfigResource(ConfigResource.Type.TOPIC, "ler.requests");
			assertThat(intake.describeConfigs(List.of(requests))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(requests)
				.get("retention.ms")
				.value()).isEqualTo("-1");
			assertThatThrownBy(() -> intake.deleteTopics(List.of("ler.requests")).all().get(30, TimeUnit.SECONDS))
				.cause()
				.isInstanceOf(TopicAuthorizationException.class);
		}
	}

	private static KafkaProducer<String, String> producer(Map<String, Object> client) {
		Map<String, Object> config = new HashMap<>(client);
		config.put("max.block.ms", 15000);
		config.put("delivery.timeout.ms", 20000);
		config.put("request.timeout.ms", 10000);
		return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
	}

	private static KafkaConsumer<String, String> consumer(Map<String, Object> client) {
		return new KafkaConsumer<>(client, new StringDeserializer(), new StringDeserializer());
	}

}
