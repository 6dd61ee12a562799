package ler.review.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.ReviewEvent;
import ler.review.cases.store.CasePointers;
import ler.review.cases.store.CaseStore;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeEach;

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

import static org.awaitility.Awaitility.await;

/**
 * Review as the legal team meets it: real HTTP with access tokens of the stand-in
 * provider, a real KRaft broker, the MongoDB-wire store. The review ITs extend it, so
 * they share one application context (and one broker).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
abstract class ReviewOverHttp {

	/** The standard counsel's account id ({@link TestTokens#forRole}). */
	static final String COUNSEL = "counsel-a";

	/** The standard senior counsel's account id. */
	static final String SENIOR = "senior_counsel-a";

	/** Another senior counsel. */
	static final String SENIOR_B = "senior_counsel-b";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "review_flow_test");
		// a preservation lasts seconds here, not 90 days, so the test sees it expire
		registry.add("ler.review.preservation-period", () -> "4s");
		registry.add("ler.review.tick-interval", () -> "500ms");
		// requests dated 2012 would all be overdue at once: only MLAT keeps a short
		// deadline, so the other tests see exactly the events their steps cause
		registry.add("ler.review.deadlines.DEFAULT", () -> "36500d");
		registry.add("ler.review.deadlines.EMERGENCY", () -> "24h");
		registry.add("ler.review.deadlines.MLAT", () -> "30d");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	CaseStore cases;

	@Autowired
	CasePointers indexes;

	final EventCodec codec = new EventCodec();

	/** As {@link #COUNSEL}. */
	WebTestClient http;

	/** As {@link #SENIOR}. */
	WebTestClient senior;

	/** As {@link #SENIOR_B}. */
	WebTestClient seniorB;

	/** As an operator: metrics and the API description. */
	WebTestClient operator;

	@BeforeEach
	void clients() {
		TestTokens tokens = TestTokens.shared();
		this.http = ServiceUnderTest.client(this.port, tokens.forRole("COUNSEL"));
		this.senior = ServiceUnderTest.client(this.port, tokens.forRole("SENIOR_COUNSEL"));
		this.seniorB = ServiceUnderTest.client(this.port, tokens.staff(SENIOR_B, "SENIOR_COUNSEL"));
		this.operator = ServiceUnderTest.client(this.port, tokens.forRole("OPERATOR"));
	}

	/** Posts a move on a case as counsel. */
	WebTestClient.ResponseSpec post(UUID id, String path, Map<String, ?> body) {
		return post(this.http, id, path, body);
	}

	WebTestClient.ResponseSpec post(WebTestClient client, UUID id, String path, Map<String, ?> body) {
		return client.post()
			.uri("/api/reviews/{id}/" + path, id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	/** A second senior counsel's answer. */
	WebTestClient.ResponseSpec approve(WebTestClient client, UUID id, boolean approved, String reason) {
		return post(client, id, "approvals", Map.of("approved", approved, "reason", reason));
	}

	/** The customer's answer with its evidence. */
	static Map<String, Object> consent(boolean granted, String reason) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("granted", granted);
		body.put("reason", reason);
		body.put("evidence",
				Map.of("givenBy", "general counsel, Contoso", "givenAt", "2012-08-02T10:00:00Z", "method", "EMAIL"));
		return body;
	}

	void awaitCase(UUID id) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get().uri("/api/reviews/{id}", id).exchange().expectStatus().isOk());
	}

	UUID receive(String country, String process, String customerType, String receivedAt, String identifier) {
		return receive(UUID.randomUUID(), country, process, customerType, receivedAt, identifier);
	}

	UUID receive(UUID id, String country, String process, String customerType, String receivedAt, String identifier) {
		RequestReceived received = new RequestReceived(id,
				new RequestReceived.Agency("Agency", country, "a@agency.gov"), "consumer", customerType, process,
				List.of(new RequestReceived.Identifier("EMAIL", identifier)), Instant.parse(receivedAt), Instant.now(),
				true, "ENTERPRISE".equals(customerType) ? "contoso" : null, null, null,
				"EMERGENCY".equals(process) ? "imminent danger" : null, null, null);
		send("ler.requests", id,
				EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received));
		return id;
	}

	/** A case under review, received and opened. */
	UUID underReview(String process, String customerType) {
		UUID id = receive("US", process, customerType, "2012-08-01T00:00:00Z", UUID.randomUUID() + "@example.com");
		awaitCase(id);
		return id;
	}

	void send(String topic, UUID id, EventEnvelope<?> envelope) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, id.toString().getBytes(StandardCharsets.UTF_8),
					this.codec.encode(envelope)));
		}
	}

	List<EventEnvelope<ReviewEvent>> reviewEventsFor(UUID id) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<EventEnvelope<ReviewEvent>> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.decisions");
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.key(), StandardCharsets.UTF_8).equals(id.toString())) {
					found.add(this.codec.decodeReviewEvent(record.value()));
				}
			}
		}
		return found;
	}

}
