package ler.review.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.events.CustomerConsentAnswered;
import ler.events.CaseFlagged;
import ler.events.DecisionRecorded;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.events.RequestWithdrawn;
import ler.events.ReviewEvent;
import ler.testsupport.ApiDescriptionAgreement;
import ler.testsupport.HostileInputs;
import ler.testsupport.ServiceUnderTest;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.CaseEvolver;
import ler.review.cases.model.Decision;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.store.CasePointers;
import ler.review.cases.store.CaseStore;
import ler.review.cases.store.OutboxEntry;
import ler.review.cases.store.StoredCase;
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
@EmbeddedKafka(partitions = 3)
class ReviewFlowIT {

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

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = ServiceUnderTest.client(this.port);
	}

	@Test
	void counselDecidesAReceivedRequestAndTheDecisionIsPublishedOnce() {
		UUID id = receive("GB", "SEARCH_WARRANT", "CONSUMER", "2012-02-01T00:00:00Z", "a@example.com");
		// a redelivered RequestReceived does not open a second case
		receive(id, "GB", "SEARCH_WARRANT", "CONSUMER", "2012-02-01T00:00:00Z", "a@example.com");
		awaitCase(id);
		this.http.get()
			.uri("/api/reviews?status=PENDING&limit=1000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[?(@.requestId == '" + id + "')].status")
			.isEqualTo("UNDER_REVIEW");

		post(id, "decisions",
				Map.of("decision", "DISCLOSE_CONTENT", "reason", "warrant covers stored email", "counsel", "counsel-1"))
			.expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/reviews/" + id)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DECIDED")
			.jsonPath("$.decision.basis")
			.isEqualTo("LEGAL_PROCESS");

		List<EventEnvelope<ReviewEvent>> published = reviewEventsFor(id);
		assertThat(published).hasSize(1);
		DecisionRecorded recorded = (DecisionRecorded) published.get(0).data();
		assertThat(recorded.decision()).isEqualTo("DISCLOSE_CONTENT");
		assertThat(recorded.counsel()).isEqualTo("counsel-1");
		assertThat(recorded.request()).isEqualTo(new RequestSummary("GB", "consumer", "CONSUMER", "SEARCH_WARRANT", 1,
				Instant.parse("2012-02-01T00:00:00Z"), false));
		assertThat(published.get(0).sequence()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());

		post(id, "decisions", Map.of("decision", "REJECT", "reason", "second thoughts", "counsel", "counsel-2"))
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		assertThat(reviewEventsFor(id)).hasSize(1);

		post(id, "amendments",
				Map.of("decision", "REJECT", "reason", "warrant quashed on appeal", "counsel", "counsel-2"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.amended")
			.isEqualTo(true);
		assertThat(reviewEventsFor(id)).extracting(EventEnvelope::type)
			.containsExactly("DecisionRecorded", "DecisionAmended");
		this.http.get()
			.uri("/api/reviews/{id}/history", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].action")
			.isEqualTo(List.of("REQUEST_RECEIVED", "DECISION_RECORDED", "DECISION_AMENDED"))
			.jsonPath("$[2].actor")
			.isEqualTo("counsel-2");
	}

	@Test
	void refusesBadOrUnlawfulDecisionsWithProblemJson() {
		UUID id = receive("US", "SUBPOENA", "CONSUMER", "2012-05-01T00:00:00Z", "b@example.com");
		awaitCase(id);
		post(id, "decisions", Map.of("decision", "APPROVE", "counsel", "c")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("decision")
			.jsonPath("$.errors[1].field")
			.isEqualTo("reason");
		post(id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "r", "counsel", "c")).expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("content-needs-warrant-or-order");
		post(UUID.randomUUID(), "decisions", Map.of("decision", "REJECT", "reason", "r", "counsel", "c")).expectStatus()
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
		post(id, "preservation/extension", Map.of("reason", "r", "counsel", "c")).expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("UNDER_REVIEW");
		assertThat(reviewEventsFor(id)).isEmpty();
	}

	@Test
	void aChangeSavedButNeverPublishedIsPublishedByTheRelay() {
		UUID id = receive("DE", "COURT_ORDER", "CONSUMER", "2012-07-01T00:00:00Z", "c@example.com");
		awaitCase(id);
		// what a crash right after the save leaves behind: the decision and its event in
		// the outbox
		StoredCase before = this.cases.find(id).block();
		List<CaseEvent> changes = List
			.of(new CaseEvent.DecisionRecorded(new ReviewCase.RecordedDecision(Decision.NO_DATA_FOUND, null, null,
					"no such account", "c", Instant.now(), false), null));
		ReviewCase after = CaseEvolver.fold(before.state(), changes);
		UUID eventId = UUID.randomUUID();
		byte[] event = this.codec.encode(EventEnvelope.wrap(eventId, "/review-service", id, 1, Instant.now(),
				new DecisionRecorded(id, "NO_DATA_FOUND", "no such account", "c", Instant.now(), null,
						new RequestSummary("DE", "consumer", "CONSUMER", "COURT_ORDER", 1,
								Instant.parse("2012-07-01T00:00:00Z")))));
		// as every change does, the marker is set before the save; the crash comes right
		// after it
		this.indexes.markPending(id, Instant.now()).block();
		assertThat(this.cases
			.save(before.version(), after, changes, List.of(new OutboxEntry(id, eventId, 1, event)), Instant.now())
			.block()).isTrue();

		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(reviewEventsFor(id)).hasSize(1));
		assertThat(reviewEventsFor(id).get(0).id()).isEqualTo(eventId.toString());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());
	}

	@Test
	void anEnterpriseRequestGoesThroughConsentToDisclosure() {
		UUID id = receive("US", "SUBPOENA", "ENTERPRISE", "2012-08-01T00:00:00Z", "cfo@contoso.example");
		awaitCase(id);
		post(id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "r", "counsel", "c")).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("enterprise-disclosure-needs-consent-or-contract");
		post(id, "decisions", Map.of("decision", "SEEK_CUSTOMER_CONSENT", "reason", "ask contoso", "counsel", "c"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_CONSENT");
		post(id, "consent", Map.of("granted", true, "reason", "contoso legal signed", "counsel", "c")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.consent")
			.isEqualTo("GRANTED");
		// with consent even content on a subpoena may go
		post(id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "as consented", "counsel", "c"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.basis")
			.isEqualTo("CUSTOMER_CONSENT");
		List<EventEnvelope<ReviewEvent>> events = reviewEventsFor(id);
		assertThat(events).extracting(EventEnvelope::type)
			.containsExactly("DecisionRecorded", "CustomerConsentAnswered", "DecisionRecorded");
		assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
		assertThat(((CustomerConsentAnswered) events.get(1).data()).granted()).isTrue();
		DecisionRecorded disclosed = (DecisionRecorded) events.get(2).data();
		assertThat(disclosed.basis()).isEqualTo("CUSTOMER_CONSENT");
		assertThat(disclosed.previousDecision()).isEqualTo("SEEK_CUSTOMER_CONSENT");
	}

	@Test
	void aPreservationIsFollowedByLegalProcessAndExpires() {
		UUID preservation = receive("GB", "PRESERVATION", "CONSUMER", "2012-09-01T00:00:00Z", "kept@example.com");
		awaitCase(preservation);
		post(preservation, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "r", "counsel", "c"))
			.expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("preservation-discloses-nothing");
		post(preservation, "decisions",
				Map.of("decision", "PRESERVE", "reason", "keep for the warrant", "counsel", "c"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("PRESERVED");
		UUID warrant = receive("GB", "SEARCH_WARRANT", "CONSUMER", "2012-09-05T00:00:00Z", "kept@example.com");
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/reviews/{id}", warrant)
				.exchange()
				.expectBody()
				.jsonPath("$.links[0].requestId")
				.isEqualTo(preservation.toString())
				.jsonPath("$.links[0].relation")
				.isEqualTo("FOLLOWS_PRESERVATION"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.get()
				.uri("/api/reviews/{id}", preservation)
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("PRESERVATION_EXPIRED")
				.jsonPath("$.links[0].relation")
				.isEqualTo("FOLLOWED_BY"));
		assertThat(reviewEventsFor(preservation)).extracting(EventEnvelope::type)
			.containsExactly("PreservationStarted", "PreservationExpired");
	}

	@Test
	void aWithdrawnRequestClosesItsOpenCase() {
		UUID id = receive("FR", "SUBPOENA", "CONSUMER", "2012-10-01T00:00:00Z", "d@example.com");
		awaitCase(id);
		send("ler.requests", id, EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 2, Instant.now(),
				new RequestWithdrawn(id, "served in error", Instant.now())));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(reviewEventsFor(id)).extracting(EventEnvelope::type)
				.containsExactly("CaseWithdrawn"));
		this.http.get()
			.uri("/api/reviews/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("WITHDRAWN");
	}

	@Test
	void emergenciesComeFirstAndOverdueCasesAreListed() {
		UUID old = receive("TR", "MLAT", "CONSUMER", "2012-01-02T00:00:00Z", "e@example.com");
		UUID fresh = receive("TR", "MLAT", "CONSUMER", Instant.now().toString(), "f@example.com");
		UUID emergency = receive("TR", "EMERGENCY", "CONSUMER", Instant.now().toString(), "g@example.com");
		awaitCase(old);
		awaitCase(fresh);
		awaitCase(emergency);
		List<String> queue = this.http.get()
			.uri("/api/reviews?status=PENDING&limit=1000")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new org.springframework.core.ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody()
			.stream()
			.map((c) -> (String) c.get("requestId"))
			.toList();
		assertThat(queue.indexOf(emergency.toString())).isLessThan(queue.indexOf(old.toString()));
		assertThat(queue.indexOf(old.toString())).isLessThan(queue.indexOf(fresh.toString()));
		this.http.get()
			.uri("/api/reviews?status=PENDING&overdue=true&limit=1000")
			.exchange()
			.expectBody()
			.jsonPath("$[?(@.requestId == '" + old + "')].overdue")
			.isEqualTo(List.of(true))
			.jsonPath("$[?(@.requestId == '" + fresh + "')]")
			.isEmpty();

		// the deadline's timer flags the case once, announcing where it counts
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(reviewEventsFor(old)).extracting(EventEnvelope::type)
				.containsExactly("CaseFlagged"));
		CaseFlagged flagged = (CaseFlagged) reviewEventsFor(old).get(0).data();
		assertThat(flagged.flag()).isEqualTo("OVERDUE");
		assertThat(flagged.request()).isEqualTo(new RequestSummary("TR", "consumer", "CONSUMER", "MLAT", 1,
				Instant.parse("2012-01-02T00:00:00Z"), true));
		assertThat(reviewEventsFor(fresh)).isEmpty();
		post(old, "decisions", Map.of("decision", "REJECT", "reason", "too late to matter", "counsel", "counsel-1"))
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reviewEventsFor(old)).extracting(EventEnvelope::type)
				.containsExactly("CaseFlagged", "DecisionRecorded"));
		assertThat(((DecisionRecorded) reviewEventsFor(old).get(1).data()).request().wasOverdue()).isTrue();
		// a decided case has nothing more due: its timer is gone
		assertThat(this.indexes.dueBy(Instant.now().plus(Duration.ofDays(365000)), 10000).collectList().block())
			.doesNotContain(old);
		this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectBody(String.class)
			.value((text) -> assertThat(text).contains("ler_decision_latency_seconds_bucket{")
				.contains("decision=\"REJECT\""));
	}

	@Test
	void theCloudEventsSdkReadsEveryDecisionEvent() {
		UUID id = receive("FR", "COURT_ORDER", "CONSUMER", "2012-05-01T00:00:00Z", "ce@example.com");
		awaitCase(id);
		post(id, "decisions", Map.of("decision", "NO_DATA_FOUND", "reason", "no such account", "counsel", "c"))
			.expectStatus()
			.isCreated();
		List<org.apache.kafka.clients.consumer.ConsumerRecord<String, io.cloudevents.CloudEvent>> events = new java.util.ArrayList<>();
		try (org.apache.kafka.clients.consumer.KafkaConsumer<String, io.cloudevents.CloudEvent> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
				Map.of(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
						this.broker.getBrokersAsString(),
						org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_ID_CONFIG,
						"cloudevents-sdk-" + UUID.randomUUID(),
						org.apache.kafka.clients.consumer.ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
				new org.apache.kafka.common.serialization.StringDeserializer(),
				new io.cloudevents.kafka.CloudEventDeserializer())) {
			consumer.subscribe(List.of("ler.decisions"));
			await().atMost(Duration.ofSeconds(30)).until(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((r) -> {
					if (id.toString().equals(r.key())) {
						events.add(r);
					}
				});
				return !events.isEmpty();
			});
		}
		var record = events.get(0);
		assertThat(new String(record.headers().lastHeader(ler.events.CloudEventsKafka.CONTENT_TYPE_HEADER).value(),
				StandardCharsets.UTF_8))
			.isEqualTo("application/cloudevents+json; charset=UTF-8");
		io.cloudevents.CloudEvent event = record.value();
		assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
		assertThat(event.getSource().toString()).isEqualTo("/review-service");
		assertThat(event.getType()).isEqualTo("DecisionRecorded");
		assertThat(event.getSubject()).isEqualTo(id.toString());
		assertThat(event.getDataSchema().toString()).isEqualTo("urn:ler:events:DecisionRecorded:1");
		assertThat(((Number) event.getExtension("sequence")).longValue()).isEqualTo(1L);
		assertThat(new String(event.getData().toBytes(), StandardCharsets.UTF_8)).contains("\"NO_DATA_FOUND\"");
		// only declared topics: no stray "decisions" from a binding's default destination
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			assertThat(admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS))
				.doesNotContain("decisions", "requests")
				.contains("ler.decisions");
		}
		catch (Exception ex) {
			throw new AssertionError(ex);
		}
	}

	@Test
	void theOpenApiDescriptionMatchesTheCode(@Autowired org.springframework.context.ApplicationContext context) {
		ApiDescriptionAgreement.check(this.http, context,
				Map.of("/components/schemas/DecisionBody/properties/decision/enum",
						java.util.Arrays.stream(Decision.values()).map(Enum::name).toList()));
	}

	@Test
	void hostileInputGetsProblemJsonNeverA5xxAndPublishesOnlyWhatTheCaseRecords() {
		UUID id = receive("IT", "SEARCH_WARRANT", "ENTERPRISE", "2012-04-01T00:00:00Z", "h@example.com");
		awaitCase(id);
		int tried = 0;
		int accepted = 0;
		String decision = "{\"decision\":\"REJECT\",\"reason\":\"over-broad\",\"counsel\":\"c\",\"contractualArrangement\":\"msa\"}";
		// text fields take text only: a number or true is never recorded as "42" or
		// "true"
		for (String mistyped : List.of("{\"decision\":\"REJECT\",\"reason\":42,\"counsel\":\"c\"}",
				"{\"decision\":\"REJECT\",\"reason\":\"r\",\"counsel\":true}")) {
			assertThat(answer(id, "decisions", mistyped.getBytes(StandardCharsets.UTF_8))).as(mistyped).isEqualTo(400);
		}
		// text fields take text only: a number or true is never recorded as "42" or
		// "true"
		for (String mistyped : List.of("{\"decision\":\"REJECT\",\"reason\":42,\"counsel\":\"c\"}",
				"{\"decision\":\"REJECT\",\"reason\":\"r\",\"counsel\":true}")) {
			assertThat(answer(id, "decisions", mistyped.getBytes(StandardCharsets.UTF_8))).as(mistyped).isEqualTo(400);
		}
		List<String> fields = List.of("decision", "reason", "counsel", "contractualArrangement");
		for (String step : List.of("decisions", "amendments")) {
			for (byte[] input : HostileInputs.of(decision, fields, 150, step.length())) {
				accepted += (answer(id, step, input) < 300) ? 1 : 0;
				tried++;
			}
		}
		for (String step : List.of("consent", "verification")) {
			String answer = "{\"" + (step.equals("consent") ? "granted" : "verified")
					+ "\":true,\"reason\":\"r\",\"counsel\":\"c\"}";
			for (byte[] input : HostileInputs.of(answer, List.of("granted", "verified", "reason", "counsel"), 60, 5)) {
				accepted += (answer(id, step, input) < 300) ? 1 : 0;
				tried++;
			}
		}
		for (byte[] input : HostileInputs.of("{\"reason\":\"r\",\"counsel\":\"c\"}", List.of("reason", "counsel"), 40,
				9)) {
			accepted += (answer(id, "preservation/extension", input) < 300) ? 1 : 0;
			tried++;
		}
		for (String query : List.of("status=%00", "status=DROP%20TABLE", "limit=-1", "limit=999999999999",
				"overdue=maybe", "limit=abc", "status=" + "P".repeat(5000))) {
			org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = this.http.get()
				.uri(java.net.URI.create("http://localhost:" + this.port + "/api/reviews?" + query))
				.exchange()
				.expectBody()
				.returnResult();
			assertThat(result.getStatus().value()).as(query).isBetween(400, 499);
			assertThat(result.getResponseHeaders().getContentType()).as(query)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			tried++;
		}
		System.out.printf("review: %d hostile inputs tried, %d accepted as valid%n", tried, accepted);
		ReviewCase after = this.cases.find(id).block().state();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reviewEventsFor(id)).as("published = what the case recorded")
				.hasSize((int) after.eventSequence()));
	}

	private int answer(UUID id, String step, byte[] input) {
		org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = this.http.post()
			.uri("/api/reviews/{id}/" + step, id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(input)
			.exchange()
			.expectBody()
			.returnResult();
		int status = result.getStatus().value();
		String shown = new String(input, 0, Math.min(input.length, 300), StandardCharsets.UTF_8);
		assertThat(status).as(step + " " + shown).isLessThan(500);
		if (status >= 400) {
			assertThat(result.getResponseHeaders().getContentType()).as(shown)
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		}
		return status;
	}

	private WebTestClient.ResponseSpec post(UUID id, String path, Map<String, ?> body) {
		return this.http.post()
			.uri("/api/reviews/{id}/" + path, id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	private void awaitCase(UUID id) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get().uri("/api/reviews/{id}", id).exchange().expectStatus().isOk());
	}

	private UUID receive(String country, String process, String customerType, String receivedAt, String identifier) {
		return receive(UUID.randomUUID(), country, process, customerType, receivedAt, identifier);
	}

	private UUID receive(UUID id, String country, String process, String customerType, String receivedAt,
			String identifier) {
		RequestReceived received = new RequestReceived(id,
				new RequestReceived.Agency("Agency", country, "a@agency.gov"), "consumer", customerType, process,
				List.of(new RequestReceived.Identifier("EMAIL", identifier)), Instant.parse(receivedAt), Instant.now(),
				true, "ENTERPRISE".equals(customerType) ? "contoso" : null, null, null,
				"EMERGENCY".equals(process) ? "imminent danger" : null, null, null);
		send("ler.requests", id,
				EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received));
		return id;
	}

	private void send(String topic, UUID id, EventEnvelope<?> envelope) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, id.toString().getBytes(StandardCharsets.UTF_8),
					this.codec.encode(envelope)));
		}
	}

	private List<EventEnvelope<ReviewEvent>> reviewEventsFor(UUID id) {
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
