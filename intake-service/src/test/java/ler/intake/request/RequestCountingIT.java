package ler.intake.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ler_requests_received_total} counts a request once, where the broker first
 * acknowledged it, even when that happened on a retry after a 503. The request topic is
 * made to refuse writes (it asks for two in-sync replicas of one, and intake publishes
 * with {@code acks=all}), so the first submission cannot be published; then the retry
 * with the same key, once the topic accepts writes again, publishes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@DirtiesContext
class RequestCountingIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_counting_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	@Test
	void aRequestPublishedOnARetryAfterA503IsCountedOnce() throws Exception {
		WebTestClient http = ler.testsupport.ServiceUnderTest.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestTokens.shared().forRole("LIAISON"))
			.responseTimeout(Duration.ofSeconds(60))
			.build();
		String marker = UUID.randomUUID().toString();
		String key = "count-" + marker;
		String body = IntakeHttpIT.VALID.formatted(marker).replace("SUBPOENA", "COURT_ORDER");
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
			maxMessageBytes(admin, "64");

			http.post()
				.uri("/api/requests")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", key)
				.bodyValue(body)
				.exchange()
				.expectStatus()
				.isEqualTo(503);
			assertThat(received()).isZero();

			maxMessageBytes(admin, "1048588");
		}
		// the producer may need a moment to see the topic again: retry as a client would
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> http.post()
				.uri("/api/requests")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", key)
				.bodyValue(body)
				.exchange()
				.expectBody()
				.returnResult()
				.getStatus()
				.value() == 202);
		assertThat(received()).isEqualTo(1.0);
		// a later retry replays the answer and counts nothing
		http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted();
		assertThat(received()).isEqualTo(1.0);
		assertThat(recordsMentioning(marker)).isEqualTo(1);
	}

	private static void maxMessageBytes(Admin admin, String bytes) throws Exception {
		admin
			.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, "ler.requests"),
					List.of(new AlterConfigOp(new ConfigEntry("max.message.bytes", bytes), AlterConfigOp.OpType.SET))))
			.all()
			.get(30, TimeUnit.SECONDS);
		ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "ler.requests");
		// the broker applies it from the metadata log a moment later
		await().atMost(Duration.ofSeconds(30))
			.until(() -> bytes
				.equals(admin.describeConfigs(List.of(topic)).all().get().get(topic).get("max.message.bytes").value()));
	}

	private double received() {
		return this.meters.find("ler.requests.received")
			.tag("legal_process", "COURT_ORDER")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private long recordsMentioning(String marker) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests");
			long found = 0;
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
					found++;
				}
			}
			return found;
		}
	}

}
