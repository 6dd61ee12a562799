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
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.events.RequestWithdrawn;
import ler.events.ReviewEvent;
import ler.testsupport.ApiDescriptionAgreement;
import ler.testsupport.HostileInputs;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.CaseEvolver;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.Decision;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.store.OutboxEntry;
import ler.review.cases.store.StoredCase;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review as counsel meets it: real HTTP with access tokens, a real KRaft broker, the
 * MongoDB-wire store.
 */
class ReviewFlowIT extends ReviewOverHttp {

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

		// content goes out only on a second senior counsel's approval
		post(id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "warrant covers stored email"))
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_APPROVAL")
			.jsonPath("$.proposal.kind")
			.isEqualTo("DECISION")
			.jsonPath("$.proposal.proposedBy")
			.isEqualTo(COUNSEL);
		approve(this.senior, id, true, "warrant checked").expectStatus()
			.isCreated()
			.expectHeader()
			.valueEquals("Location", "/api/reviews/" + id)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DECIDED")
			.jsonPath("$.decision.basis")
			.isEqualTo("LEGAL_PROCESS")
			.jsonPath("$.decision.approvedBy")
			.isEqualTo(SENIOR);

		List<EventEnvelope<ReviewEvent>> published = reviewEventsFor(id);
		assertThat(published).hasSize(1);
		DecisionRecorded recorded = (DecisionRecorded) published.get(0).data();
		assertThat(recorded.decision()).isEqualTo("DISCLOSE_CONTENT");
		assertThat(recorded.counsel()).isEqualTo(COUNSEL);
		assertThat(recorded.approvedBy()).isEqualTo(SENIOR);
		assertThat(recorded.request()).isEqualTo(new RequestSummary("GB", "consumer", "CONSUMER", "SEARCH_WARRANT", 1,
				Instant.parse("2012-02-01T00:00:00Z"), false));
		assertThat(published.get(0).sequence()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());

		post(id, "decisions", Map.of("decision", "REJECT", "reason", "second thoughts")).expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		assertThat(reviewEventsFor(id)).hasSize(1);

		// an amendment of a final decision is four eyes too; here the senior proposes it
		post(this.senior, id, "amendments", Map.of("decision", "REJECT", "reason", "warrant quashed on appeal"))
			.expectStatus()
			.isAccepted();
		approve(this.seniorB, id, true, "quashing order seen").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.amended")
			.isEqualTo(true)
			.jsonPath("$.decision.counsel")
			.isEqualTo(SENIOR)
			.jsonPath("$.decision.approvedBy")
			.isEqualTo(SENIOR_B);
		assertThat(reviewEventsFor(id)).extracting(EventEnvelope::type)
			.containsExactly("DecisionRecorded", "DecisionAmended");
		this.http.get()
			.uri("/api/reviews/{id}/history", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$[*].action")
			.isEqualTo(List.of("REQUEST_RECEIVED", "DECISION_PROPOSED", "PROPOSAL_APPROVED", "DECISION_RECORDED",
					"AMENDMENT_PROPOSED", "PROPOSAL_APPROVED", "DECISION_AMENDED"))
			.jsonPath("$[*].actor")
			.isEqualTo(List.of("intake-service", COUNSEL, SENIOR, COUNSEL, SENIOR, SENIOR_B, SENIOR));
	}

	@Test
	void refusesBadOrUnlawfulDecisionsWithProblemJson() {
		UUID id = receive("US", "SUBPOENA", "CONSUMER", "2012-05-01T00:00:00Z", "b@example.com");
		awaitCase(id);
		post(id, "decisions", Map.of("decision", "APPROVE")).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("decision")
			.jsonPath("$.errors[1].field")
			.isEqualTo("reason");
		post(id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "r")).expectStatus()
			.isEqualTo(422)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("content-needs-warrant-or-order");
		post(UUID.randomUUID(), "decisions", Map.of("decision", "REJECT", "reason", "r")).expectStatus()
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
		post(id, "preservation/extension", Map.of("reason", "r")).expectStatus()
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
		post(id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "r")).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("enterprise-disclosure-needs-consent-or-contract");
		post(id, "decisions", Map.of("decision", "SEEK_CUSTOMER_CONSENT", "reason", "ask contoso")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_CONSENT");
		post(id, "consent", consent(true, "contoso legal signed")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.consent")
			.isEqualTo("GRANTED");
		// with consent even content on a subpoena may go, once a second senior approves
		post(id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "as consented")).expectStatus()
			.isAccepted();
		approve(this.senior, id, true, "consent letter seen").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.basis")
			.isEqualTo("CUSTOMER_CONSENT");
		List<EventEnvelope<ReviewEvent>> events = reviewEventsFor(id);
		assertThat(events).extracting(EventEnvelope::type)
			.containsExactly("DecisionRecorded", "CustomerConsentAnswered", "DecisionRecorded");
		assertThat(events).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L);
		assertThat(((CustomerConsentAnswered) events.get(1).data()).granted()).isTrue();
		assertThat(((CustomerConsentAnswered) events.get(1).data()).evidence())
			.isEqualTo(new CustomerConsentAnswered.Evidence("EMAIL", Instant.parse("2012-08-02T10:00:00Z"),
					"general counsel, Contoso"));
		DecisionRecorded disclosed = (DecisionRecorded) events.get(2).data();
		assertThat(disclosed.basis()).isEqualTo("CUSTOMER_CONSENT");
		assertThat(disclosed.previousDecision()).isEqualTo("SEEK_CUSTOMER_CONSENT");
	}

	@Test
	void aPreservationIsFollowedByLegalProcessAndExpires() {
		UUID preservation = receive("GB", "PRESERVATION", "CONSUMER", "2012-09-01T00:00:00Z", "kept@example.com");
		awaitCase(preservation);
		post(preservation, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "r")).expectStatus()
			.isEqualTo(422)
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("preservation-discloses-nothing");
		post(preservation, "decisions", Map.of("decision", "PRESERVE", "reason", "keep for the warrant")).expectStatus()
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
		post(old, "decisions", Map.of("decision", "REJECT", "reason", "too late to matter")).expectStatus().isCreated();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(reviewEventsFor(old)).extracting(EventEnvelope::type)
				.containsExactly("CaseFlagged", "DecisionRecorded"));
		assertThat(((DecisionRecorded) reviewEventsFor(old).get(1).data()).request().wasOverdue()).isTrue();
		// a decided case has nothing more due: its timer is gone
		assertThat(this.indexes.dueBy(Instant.now().plus(Duration.ofDays(365000)), 10000).collectList().block())
			.doesNotContain(old);
		this.operator.get()
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
		post(id, "decisions", Map.of("decision", "NO_DATA_FOUND", "reason", "no such account")).expectStatus()
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

	/**
	 * A poll is applied in order, its received requests opened together: records that
	 * cannot be read are dead-lettered one by one with the binder's headers, every other
	 * record of the poll is applied, and a withdrawal right after its request finds the
	 * case open.
	 */
	@Test
	void aPollsUnreadableRecordsAreDeadLetteredAloneAndTheRestApplied() throws Exception {
		List<UUID> opened = new ArrayList<>();
		List<Long> unreadable = new ArrayList<>();
		UUID withdrawn = UUID.randomUUID();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString(), "linger.ms", 200),
				new ByteArraySerializer(), new ByteArraySerializer())) {
			List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
			List<Boolean> poison = new ArrayList<>();
			for (int i = 0; i < 9; i++) {
				UUID id = (i == 7) ? withdrawn : UUID.randomUUID();
				byte[] payload;
				if (i == 3 || i == 5) {
					payload = (i == 3) ? "not an event".getBytes(StandardCharsets.UTF_8)
							: "{\"specversion\":\"1.0\",\"type\":\"RequestReceived\"}".getBytes(StandardCharsets.UTF_8);
				}
				else if (i == 8) {
					payload = this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", withdrawn, 2,
							Instant.now(), new RequestWithdrawn(withdrawn, "served in error", Instant.now())));
				}
				else {
					opened.add(id);
					payload = this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1,
							Instant.now(), received(id)));
				}
				poison.add(i == 3 || i == 5);
				sent.add(producer.send(new ProducerRecord<>("ler.requests", 0,
						id.toString().getBytes(StandardCharsets.UTF_8), payload)));
			}
			producer.flush();
			for (int i = 0; i < sent.size(); i++) {
				if (poison.get(i)) {
					unreadable.add(sent.get(i).get().offset());
				}
			}
		}
		opened.forEach(this::awaitCase);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(this.cases.find(withdrawn).block().state().status())
				.isEqualTo(CaseStatus.WITHDRAWN));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
			List<ConsumerRecord<byte[], byte[]>> letters = deadLetters().stream()
				.filter((r) -> unreadable.contains(offset(r)))
				.toList();
			assertThat(letters).extracting((r) -> offset(r)).containsExactlyInAnyOrderElementsOf(unreadable);
			assertThat(letters).allSatisfy((r) -> {
				assertThat(header(r, "x-original-topic")).isEqualTo("ler.requests");
				assertThat(header(r, "x-exception-fqcn")).isNotBlank();
				assertThat(r.headers().lastHeader("x-exception-stacktrace")).isNull();
			});
		});
	}

	private RequestReceived received(UUID id) {
		return new RequestReceived(id, new RequestReceived.Agency("Agency", "US", "a@agency.gov"), "consumer",
				"CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", id + "@example.com")),
				Instant.parse("2012-08-01T00:00:00Z"), Instant.now(), true, null, null, null, null, null, null);
	}

	private List<ConsumerRecord<byte[], byte[]>> deadLetters() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlq-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests.dlq.review");
			KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3)).forEach(found::add);
		}
		return found;
	}

	/** The binder's dead-letter header: the original offset as 8 bytes, big-endian. */
	private static long offset(ConsumerRecord<byte[], byte[]> record) {
		var header = record.headers().lastHeader("x-original-offset");
		return (header == null) ? -1 : java.nio.ByteBuffer.wrap(header.value()).getLong();
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return (header == null) ? "-1" : new String(header.value(), StandardCharsets.UTF_8);
	}

	@Test
	void theOpenApiDescriptionMatchesTheCode(@Autowired org.springframework.context.ApplicationContext context) {
		ApiDescriptionAgreement.check(this.operator, context,
				Map.of("/components/schemas/DecisionBody/properties/decision/enum",
						java.util.Arrays.stream(Decision.values()).map(Enum::name).toList(),
						"/components/schemas/EvidenceBody/properties/method/enum",
						java.util.Arrays.stream(ReviewCase.ConsentMethod.values()).map(Enum::name).toList(),
						"/paths/~1api~1reviews~1{id}~1approvals/post/x-roles", List.of("SENIOR_COUNSEL"),
						"/paths/~1api~1reviews~1{id}~1decisions/post/x-roles", List.of("COUNSEL", "SENIOR_COUNSEL")));
	}

	@Test
	void hostileInputGetsProblemJsonNeverA5xxAndPublishesOnlyWhatTheCaseRecords() {
		UUID id = receive("IT", "SEARCH_WARRANT", "ENTERPRISE", "2012-04-01T00:00:00Z", "h@example.com");
		awaitCase(id);
		int tried = 0;
		int accepted = 0;
		String decision = "{\"decision\":\"REJECT\",\"reason\":\"over-broad\",\"contractualArrangement\":\"msa\"}";
		// text fields take text only: a number or true is never recorded as "42" or
		// "true"
		for (String mistyped : List.of("{\"decision\":\"REJECT\",\"reason\":42}",
				"{\"decision\":\"REJECT\",\"reason\":\"r\",\"contractualArrangement\":true}")) {
			assertThat(answer(id, "decisions", mistyped.getBytes(StandardCharsets.UTF_8))).as(mistyped).isEqualTo(400);
		}
		List<String> fields = List.of("decision", "reason", "contractualArrangement");
		for (String step : List.of("decisions", "amendments")) {
			for (byte[] input : HostileInputs.of(decision, fields, 150, step.length())) {
				accepted += (answer(id, step, input) < 300) ? 1 : 0;
				tried++;
			}
		}
		for (String step : List.of("consent", "verification")) {
			String answer = step.equals("consent")
					? "{\"granted\":true,\"reason\":\"r\",\"evidence\":{\"givenBy\":\"CISO\",\"givenAt\":\"2012-04-02T10:00:00Z\",\"method\":\"EMAIL\"}}"
					: "{\"verified\":true,\"reason\":\"r\"}";
			for (byte[] input : HostileInputs.of(answer,
					List.of("granted", "verified", "reason", "evidence", "givenBy", "givenAt", "method"), 60, 5)) {
				accepted += (answer(id, step, input) < 300) ? 1 : 0;
				tried++;
			}
		}
		for (byte[] input : HostileInputs.of("{\"approved\":true,\"reason\":\"r\"}", List.of("approved", "reason"), 40,
				11)) {
			accepted += (answer(this.senior, id, "approvals", input) < 300) ? 1 : 0;
			tried++;
		}
		for (byte[] input : HostileInputs.of("{\"reason\":\"r\"}", List.of("reason"), 40, 9)) {
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
		return answer(this.http, id, step, input);
	}

	private int answer(WebTestClient client, UUID id, String step, byte[] input) {
		org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = client.post()
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

}
