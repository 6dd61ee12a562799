package ler.intake.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import ler.testsupport.HostileInputs;
import ler.testsupport.ApiDescriptionAgreement;
import ler.events.DecisionRecorded;
import ler.events.RequestSummary;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
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
import org.springframework.http.HttpStatus;
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

/**
 * Intake as a liaison meets it: real HTTP, a real KRaft broker, the MongoDB-wire store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class IntakeHttpIT {

	static final String VALID = """
			{"agency":{"name":"Metropolitan Police Service","country":"GB","contactEmail":"liaison@met.police.uk"},
			 "service":"consumer","customerType":"CONSUMER","legalProcess":"SUBPOENA",
			 "identifiers":[{"type":"EMAIL","value":"someone@example.com"},{"type":"GAMERTAG","value":"%s"}],
			 "receivedAt":"2012-03-14T10:00:00Z"}""";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_http_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	final EventCodec codec = new EventCodec();

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("LIAISON"));
	}

	@Test
	void acceptsAValidRequestOnlyOnceItIsOnTheBroker() {
		String marker = UUID.randomUUID().toString();
		Map<?, ?> body = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(VALID.formatted(marker))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectHeader()
			.valueMatches("Location", "/api/requests/[0-9a-f-]{36}")
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		UUID id = UUID.fromString((String) body.get("id"));

		List<ConsumerRecord<byte[], byte[]>> records = recordsMentioning(marker);
		assertThat(records).hasSize(1);
		ConsumerRecord<byte[], byte[]> record = records.get(0);
		assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(id.toString());
		EventEnvelope<RequestEvent> event = this.codec.decodeRequestEvent(record.value());
		assertThat(event.type()).isEqualTo("RequestReceived");
		assertThat(event.subject()).isEqualTo(id.toString());
		// both ids are time-ordered (RFC 9562 version 7, ADR 14)
		assertThat(id.version()).isEqualTo(7);
		assertThat(UUID.fromString(event.id()).version()).isEqualTo(7);
		RequestReceived received = (RequestReceived) event.data();
		assertThat(received.agency().country()).isEqualTo("GB");
		assertThat(received.identifiers()).hasSize(2);
		assertThat(received.receivedAt()).isEqualTo(Instant.parse("2012-03-14T10:00:00Z"));

		this.http.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PENDING_REVIEW")
			.jsonPath("$.request.legalProcess")
			.isEqualTo("SUBPOENA");
	}

	@Test
	void showsTheDecisionOnceReviewRecordedIt() {
		Map<?, ?> body = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(VALID.formatted("decided"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		UUID id = UUID.fromString((String) body.get("id"));
		Instant now = Instant.now();
		DecisionRecorded decision = new DecisionRecorded(id, "DISCLOSE_NON_CONTENT", "valid subpoena", "counsel-1", now,
				null,
				new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 2, Instant.parse("2012-03-14T10:00:00Z")));
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			byte[] value = this.codec
				.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, 1, now, decision));
			producer.send(new ProducerRecord<>("ler.decisions", id.toString().getBytes(StandardCharsets.UTF_8), value));
			// a redelivered duplicate changes nothing
			producer.send(new ProducerRecord<>("ler.decisions", id.toString().getBytes(StandardCharsets.UTF_8), value));
		}
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/requests/{id}", id)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DECIDED")
				.jsonPath("$.review.decision.decision")
				.isEqualTo("DISCLOSE_NON_CONTENT"));
	}

	@Test
	void aRetryWithTheSameIdempotencyKeyGetsTheSameIdAndPublishesOnce() {
		String marker = UUID.randomUUID().toString();
		String key = "retry-" + marker;
		String first = submitWithKey(key, VALID.formatted(marker));
		String second = submitWithKey(key, VALID.formatted(marker));
		assertThat(second).isEqualTo(first);
		assertThat(recordsMentioning(marker)).hasSize(1);

		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.bodyValue(VALID.formatted("something else"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Idempotency-Key");
	}

	@Test
	void refusesAnInvalidRequestNamingEachFieldAndPublishesNothing() {
		String marker = UUID.randomUUID().toString();
		String bad = VALID.formatted(marker).replace("\"GB\"", "\"XX\"").replace("\"SUBPOENA\"", "\"FAX\"");
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(bad)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[0].field")
			.isEqualTo("agency.country")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("iso-3166-1-alpha-2")
			.jsonPath("$.errors[1].field")
			.isEqualTo("legalProcess");
		// a valid request sent after it is on the log, the invalid one never is
		submitWithKey(null, VALID.formatted(marker + "-valid"));
		assertThat(recordsMentioning(marker + "-valid")).hasSize(1);
		assertThat(recordsMentioning(marker)).hasSize(1);
	}

	@Test
	void answersMalformedBodiesWithProblemJson() {
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"agency\": ")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("json");
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(VALID.formatted("x").replace("\"service\"", "\"colour\":\"red\",\"service\""))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("colour")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("known-field");
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(VALID.formatted("x").replace("\"identifiers\":[", "\"identifiers\":7,\"x\":["))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("identifiers")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("type");
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(VALID.formatted("x".repeat(1_100_000)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/requests/{id}", UUID.randomUUID())
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/api/requests/not-a-uuid")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void exportsMetricsWithTheApplicationTag() {
		submitWithKey(null, VALID.formatted("metrics"));
		operator().get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains(
					"ler_requests_received_total{application=\"intake-service\",customer_type=\"CONSUMER\",legal_process=\"SUBPOENA\",service=\"consumer\"}"));
		this.http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
	}

	@Test
	void theOpenApiDescriptionMatchesTheCode(@Autowired org.springframework.context.ApplicationContext context) {
		ApiDescriptionAgreement.check(operator(), context,
				Map.of("/components/schemas/NewRequest/properties/legalProcess/enum",
						java.util.Arrays.stream(LegalProcess.values()).map(Enum::name).toList(),
						"/components/schemas/NewRequest/properties/customerType/enum",
						java.util.Arrays.stream(CustomerType.values()).map(Enum::name).toList(),
						"/components/schemas/NewRequest/properties/dataCategories/items/enum",
						java.util.Arrays.stream(DataCategory.values()).map(Enum::name).toList(),
						"/components/schemas/Identifier/properties/type/enum",
						java.util.Arrays.stream(IdentifierType.values()).map(Enum::name).toList(),
						"/components/schemas/NewRequest/properties/service/enum", List.of("consumer", "skype")));
	}

	@Test
	void hostileInputGetsProblemJsonNeverA5xxAndOnlyAcceptedRequestsArePublished() {
		long before = recordsOnTopic();
		List<String> fields = List.of("agency", "name", "country", "contactEmail", "service", "customerType",
				"legalProcess", "identifiers", "type", "value", "receivedAt");
		int accepted = 0;
		int refused = 0;
		for (byte[] input : HostileInputs.of(VALID.formatted("hostile"), fields, 400, 2012)) {
			int status = answer(
					this.http.post().uri("/api/requests").contentType(MediaType.APPLICATION_JSON).bodyValue(input),
					input);
			accepted += (status == 202) ? 1 : 0;
			refused += (status >= 400) ? 1 : 0;
		}
		List<String> paths = List.of("/api/requests/x", "/api/requests/%00", "/api/requests/" + "9".repeat(300),
				"/api/requests/../actuator", "/api/requests/%27%20OR%201=1", "/api/requests/" + UUID.randomUUID());
		for (String path : paths) {
			answer(this.http.get().uri(java.net.URI.create("http://localhost:" + this.port + path)), path.getBytes());
			refused++;
		}
		for (byte[] input : HostileInputs.of("{\"reason\":\"served in error\"}", List.of("reason"), 60, 7)) {
			answer(this.http.post()
				.uri("/api/requests/{id}/withdrawal", UUID.randomUUID())
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(input), input);
			refused++;
		}
		java.util.Random random = new java.util.Random(3);
		for (int i = 0; i < 40; i++) {
			byte[] bytes = new byte[random.nextInt(2000)];
			random.nextBytes(bytes);
			answer(this.http.post()
				.uri("/api/requests/{id}/document", UUID.randomUUID())
				.contentType(MediaType.APPLICATION_PDF)
				.bodyValue(bytes), bytes);
			refused++;
		}
		// the multipart route: the request part as curl and others send it, hostile
		// bodies,
		// hostile part types, documents or not
		List<String> partTypes = java.util.Arrays.asList(null, "application/json", "application/octet-stream",
				"text/plain", "application/xml", "application/json; charset=UTF-16", "multipart/mixed");
		int i = 0;
		for (byte[] input : HostileInputs.of(VALID.formatted("hostile-multipart"), fields, 60, 11)) {
			String type = partTypes.get(i % partTypes.size());
			byte[] body = (i % 3 == 0)
					? IntakeEdgesIT.multipart(IntakeEdgesIT.part("request", null, type, input),
							IntakeEdgesIT.part("document", "w.pdf", "application/pdf", RequestLifecycleHttpIT.PDF))
					: IntakeEdgesIT
						.multipart(IntakeEdgesIT.part("request", (i % 2 == 0) ? "r.json" : null, type, input));
			int status = answer(this.http.post()
				.uri("/api/requests")
				.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + IntakeEdgesIT.BOUNDARY))
				.bodyValue(body), input);
			accepted += (status == 202) ? 1 : 0;
			refused += (status >= 400) ? 1 : 0;
			i++;
		}
		for (String key : List.of("a".repeat(201), "key with spaces", "'; DROP TABLE keys; --")) {
			answer(this.http.post()
				.uri("/api/requests")
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", key)
				.bodyValue(VALID.formatted("key")), key.getBytes());
			refused++;
		}
		System.out.printf("intake: %d hostile inputs tried, %d accepted as valid, %d refused with problem+json%n",
				accepted + refused, accepted, refused);
		assertThat(refused).isGreaterThan(300);
		assertThat(recordsOnTopic() - before).as("published = accepted").isEqualTo(accepted);
	}

	/**
	 * Every answer is below 500, and every refusal is problem+json naming the problem.
	 */
	private static int answer(WebTestClient.RequestHeadersSpec<?> request, byte[] input) {
		org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = request.exchange()
			.expectBody()
			.returnResult();
		int status = result.getStatus().value();
		String shown = new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8);
		assertThat(status).as("answer to " + shown).isLessThan(500);
		if (status >= 400) {
			assertThat(result.getResponseHeaders().getContentType())
				.as("content type of the " + status + " for " + shown)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(new String(result.getResponseBody(), StandardCharsets.UTF_8)).as("problem for " + shown)
				.contains("\"title\"")
				.contains("\"status\":" + status);
		}
		return status;
	}

	private WebTestClient operator() {
		return ServiceUnderTest.client(this.port, TestTokens.shared().forRole("OPERATOR"));
	}

	private long recordsOnTopic() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "count-" + UUID.randomUUID(), false);
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor("ler.requests")
				.stream()
				.map((p) -> new org.apache.kafka.common.TopicPartition("ler.requests", p.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	private String submitWithKey(String key, String json) {
		WebTestClient.RequestBodySpec post = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			post = post.header("Idempotency-Key", key);
		}
		Map<?, ?> body = post.bodyValue(json)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return (String) body.get("id");
	}

	/** Every record on the request topic so far whose bytes contain {@code marker}. */
	private List<ConsumerRecord<byte[], byte[]>> recordsMentioning(String marker) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests");
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
					found.add(record);
				}
			}
		}
		return found;
	}

}
