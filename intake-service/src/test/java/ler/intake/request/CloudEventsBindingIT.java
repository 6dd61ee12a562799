package ler.intake.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import ler.events.CloudEventsKafka;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Records on {@code ler.requests} follow the CloudEvents Kafka protocol binding in
 * structured mode: the CloudEvents Java SDK's own Kafka deserializer, knowing nothing of
 * this project, reads every attribute and the data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class CloudEventsBindingIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_cloudevents_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void theCloudEventsSdkReadsEveryRequestEvent() throws Exception {
		WebTestClient http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("LIAISON"));
		String id = (String) http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(IntakeHttpIT.VALID.formatted("cloudevents"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id");
		http.post()
			.uri("/api/requests/{id}/withdrawal", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"served in error\"}")
			.exchange()
			.expectStatus()
			.isAccepted();

		List<ConsumerRecord<String, CloudEvent>> events = new ArrayList<>();
		try (KafkaConsumer<String, CloudEvent> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
						ConsumerConfig.GROUP_ID_CONFIG, "cloudevents-sdk-" + UUID.randomUUID(),
						ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new StringDeserializer(), new CloudEventDeserializer())) {
			consumer.subscribe(List.of("ler.requests"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((r) -> {
					if (id.equals(r.key())) {
						events.add(r);
					}
				});
				return events.size() >= 2;
			});
		}
		assertThat(events).allSatisfy((record) -> {
			Header contentType = record.headers().lastHeader(CloudEventsKafka.CONTENT_TYPE_HEADER);
			assertThat(new String(contentType.value(), StandardCharsets.UTF_8))
				.isEqualTo("application/cloudevents+json; charset=UTF-8");
			// the token that hands the send's future back to the publisher stays in
			// the process: not a header, not named in the JSON header types
			assertThat(record.headers())
				.noneSatisfy((header) -> assertThat(header.key()).isEqualTo("kafka_futureToken"));
			Header types = record.headers().lastHeader("spring_json_header_types");
			if (types != null) {
				assertThat(new String(types.value(), StandardCharsets.UTF_8)).doesNotContain("futureToken");
			}
			CloudEvent event = record.value();
			assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
			assertThat(event.getId()).isNotBlank();
			assertThat(event.getSource().toString()).isEqualTo("/intake-service");
			assertThat(event.getSubject()).isEqualTo(id);
			assertThat(event.getDataContentType()).isEqualTo("application/json");
			assertThat(event.getTime()).isNotNull();
		});
		CloudEvent received = events.get(0).value();
		assertThat(received.getType()).isEqualTo("RequestReceived");
		assertThat(received.getDataSchema().toString()).isEqualTo("urn:ler:events:RequestReceived:1");
		assertThat(((Number) received.getExtension("sequence")).longValue()).isEqualTo(1L);
		JsonNode data = JsonMapper.builder().build().readTree(received.getData().toBytes());
		assertThat(data.get("requestId").asString()).isEqualTo(id);
		assertThat(data.get("legalProcess").asString()).isEqualTo("SUBPOENA");
		// only declared topics, kept forever: no stray "requests" from a binding's
		// default
		// destination, no topic the binder made with the broker's default retention
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			assertThat(admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS))
				.containsExactlyInAnyOrder("ler.requests", "ler.decisions", "ler.requests.dlq.intake",
						"ler.decisions.dlq.intake");
			org.apache.kafka.common.config.ConfigResource requests = new org.apache.kafka.common.config.ConfigResource(
					org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "ler.requests");
			assertThat(admin.describeConfigs(List.of(requests))
				.all()
				.get(10, java.util.concurrent.TimeUnit.SECONDS)
				.get(requests)
				.get("retention.ms")
				.value()).isEqualTo("-1");
		}
		CloudEvent withdrawn = events.get(1).value();
		assertThat(withdrawn.getType()).isEqualTo("RequestWithdrawn");
		assertThat(((Number) withdrawn.getExtension("sequence")).longValue()).isEqualTo(2L);
		assertThat(JsonMapper.builder().build().readTree(withdrawn.getData().toBytes()).get("reason").asString())
			.isEqualTo("served in error");
	}

}
