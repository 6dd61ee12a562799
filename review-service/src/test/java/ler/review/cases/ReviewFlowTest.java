package ler.review.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.events.DecisionRecorded;
import ler.events.RequestSummary;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.ReviewEvent;
import ler.review.LocalMongo;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Review as counsel meets it: real HTTP, a real KRaft broker, the MongoDB-wire store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3, topics = { "ler.requests", "ler.decisions" })
class ReviewFlowTest {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> LocalMongo.uri("review_flow_test"));
		registry.add("spring.cloud.stream.kafka.binder.brokers", () -> "${spring.embedded.kafka.brokers}");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	ReviewCases cases;

	final EventCodec codec = new EventCodec();

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	@Test
	void counselDecidesAReceivedRequestAndTheDecisionIsPublishedOnce() {
		UUID id = receive("GB", "SEARCH_WARRANT", Instant.parse("2012-02-01T00:00:00Z"));
		// a redelivered RequestReceived does not open a second case
		receive(id, "GB", "SEARCH_WARRANT", Instant.parse("2012-02-01T00:00:00Z"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get().uri("/api/reviews/{id}", id).exchange().expectStatus().isOk());
		this.http.get()
			.uri("/api/reviews?status=PENDING")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.requestId == '" + id + "')].status")
			.isEqualTo("PENDING");

		this.http.post()
			.uri("/api/reviews/{id}/decisions", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("decision", "DISCLOSE_CONTENT", "reason", "warrant covers stored email", "counsel",
					"counsel-1"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/reviews/" + id)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DECIDED")
			.jsonPath("$.decision.decision")
			.isEqualTo("DISCLOSE_CONTENT");

		List<EventEnvelope<ReviewEvent>> published = decisionsFor(id);
		assertThat(published).hasSize(1);
		DecisionRecorded recorded = (DecisionRecorded) published.get(0).data();
		assertThat(recorded.decision()).isEqualTo("DISCLOSE_CONTENT");
		assertThat(recorded.counsel()).isEqualTo("counsel-1");
		assertThat(recorded.request()).isEqualTo(new RequestSummary("GB", "consumer", "CONSUMER", "SEARCH_WARRANT", 1,
				Instant.parse("2012-02-01T00:00:00Z")));
		assertThat(published.get(0).sequence()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());

		this.http.post()
			.uri("/api/reviews/{id}/decisions", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("decision", "REJECT", "reason", "second thoughts", "counsel", "counsel-2"))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		assertThat(decisionsFor(id)).hasSize(1);
		this.http.get()
			.uri("/api/reviews?status=PENDING")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.requestId == '" + id + "')]")
			.doesNotExist();
	}

	@Test
	void refusesBadDecisionsWithProblemJson() {
		UUID id = receive("US", "SUBPOENA", Instant.parse("2012-05-01T00:00:00Z"));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get().uri("/api/reviews/{id}", id).exchange().expectStatus().isOk());
		this.http.post()
			.uri("/api/reviews/{id}/decisions", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("decision", "APPROVE", "counsel", "c"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("decision")
			.jsonPath("$.errors[1].field")
			.isEqualTo("reason");
		this.http.post()
			.uri("/api/reviews/{id}/decisions", UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("decision", "REJECT", "reason", "r", "counsel", "c"))
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/api/reviews/{id}/decisions", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"decision\":")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/reviews?status=LOST")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("status");
		assertThat(decisionsFor(id)).isEmpty();
	}

	@Test
	void aDecisionSavedButNeverPublishedIsPublishedByTheRelay() {
		UUID id = receive("DE", "COURT_ORDER", Instant.parse("2012-07-01T00:00:00Z"));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.cases.find(id).blockOptional().isPresent());
		// what a crash right after the save leaves behind: the decision and its event in
		// the outbox
		ReviewCase current = this.cases.find(id).block();
		ReviewCase decided = DecisionPolicy.decide(current,
				new DecisionCommand("NO_DATA_FOUND", "no such account", "c"), Instant.now());
		UUID eventId = UUID.randomUUID();
		byte[] event = this.codec.encode(EventEnvelope.wrap(eventId, "/review-service", id, 1, Instant.now(),
				new DecisionRecorded(id, "NO_DATA_FOUND", "no such account", "c", Instant.now(), null,
						new RequestSummary("DE", "consumer", "CONSUMER", "COURT_ORDER", 1,
								Instant.parse("2012-07-01T00:00:00Z")))));
		assertThat(this.cases.saveDecision(decided, eventId, event).block()).isTrue();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(decisionsFor(id)).hasSize(1));
		assertThat(decisionsFor(id).get(0).id()).isEqualTo(eventId.toString());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());
	}

	private UUID receive(String country, String process, Instant receivedAt) {
		return receive(UUID.randomUUID(), country, process, receivedAt);
	}

	private UUID receive(UUID id, String country, String process, Instant receivedAt) {
		RequestReceived received = new RequestReceived(id,
				new RequestReceived.Agency("Agency", country, "a@agency.gov"), "consumer", "CONSUMER", process,
				List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")), receivedAt, Instant.now());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>("ler.requests", id.toString().getBytes(StandardCharsets.UTF_8), this.codec
					.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received))));
		}
		return id;
	}

	private List<EventEnvelope<ReviewEvent>> decisionsFor(UUID id) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<EventEnvelope<ReviewEvent>> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			this.broker.consumeFromAnEmbeddedTopic(consumer, "ler.decisions");
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.key(), StandardCharsets.UTF_8).equals(id.toString())) {
					found.add(this.codec.decodeReviewEvent(record.value()));
				}
			}
		}
		return found;
	}

}
