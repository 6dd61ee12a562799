package ler.intake.request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.DecisionRecorded;
import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.events.RequestWithdrawn;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

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
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may see and change which request (issue 12), over real HTTP with the embedded
 * broker and the MongoDB-wire store: agency ownership (another agency's request is
 * exactly a missing one), the emergency permission, idempotency keys scoped to their
 * caller, attribution from the token only, and the append-only document versions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class IntakeAccessIT {

	static final byte[] PDF_1 = RequestLifecycleHttpIT.PDF;

	static final byte[] PDF_2 = pdf("% the warrant, signed\n");

	static final byte[] PDF_3 = pdf("% the warrant, as counsel received it by post\n");

	static final String EMERGENCY = "\"EMERGENCY\",\"emergencyJustification\":\"a child is missing\"";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_access_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoDatabase database;

	final EventCodec codec = new EventCodec();

	final TestTokens tokens = TestTokens.shared();

	WebTestClient as(String token) {
		return ServiceUnderTest.client(this.port, token);
	}

	WebTestClient liaison() {
		return as(this.tokens.forRole("LIAISON"));
	}

	WebTestClient otherAgency() {
		return as(this.tokens.officer("officer-b", TestTokens.OTHER_AGENCY, true));
	}

	@Test
	void anotherAgencysOfficerGetsExactlyTheAnswerForAMissingRequestOnEveryRouteAndChangesNothing() {
		UUID id = submitWithDocument(liaison(), IntakeHttpIT.VALID.formatted("cross-agency"), PDF_1);
		UUID missing = UUID.randomUUID();
		for (String route : List.of("GET /api/requests/%s", "GET /api/requests/%s/document",
				"GET /api/requests/%s/document?version=1", "POST /api/requests/%s/document",
				"POST /api/requests/%s/withdrawal")) {
			String theirs = answer(otherAgency(), route, id);
			String none = answer(otherAgency(), route, missing);
			assertThat(theirs.replace(id.toString(), "{id}")).as(route)
				.isEqualTo(none.replace(missing.toString(), "{id}"))
				.contains("\"status\":404");
		}
		// nothing changed, and counsel sees it all
		for (String role : List.of("LIAISON", "COUNSEL", "SENIOR_COUNSEL")) {
			as(this.tokens.forRole(role)).get()
				.uri("/api/requests/{id}", id)
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("PENDING_REVIEW")
				.jsonPath("$.documents.length()")
				.isEqualTo(1);
			assertThat(download(as(this.tokens.forRole(role)), id, null)).isEqualTo(PDF_1);
		}
		assertThat(requestEventsFor(id)).hasSize(1);
	}

	@Test
	void anOfficersTokenWithoutAnAgencyIsRefused() {
		UUID id = submit(liaison(), null, IntakeHttpIT.VALID.formatted("no-agency"));
		WebTestClient agencyless = as(this.tokens.staff("officer-x", "LIAISON"));
		forbidden(agencyless, IntakeHttpIT.VALID.formatted("no-agency-submit")).jsonPath("$.errors[0].field")
			.isEqualTo("agency_id")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("agency-required");
		agencyless.get().uri("/api/requests/{id}", id).exchange().expectStatus().isForbidden();
		assertThat(recordsMentioning("no-agency-submit")).isEmpty();
	}

	@Test
	void anOfficerSubmitsOnlyForTheirOwnAgencysCountry() {
		WebTestClient metOfficer = as(this.tokens.officer("officer-gb", TestTokens.AGENCY, false, "GB"));
		String marker = "other-country-" + UUID.randomUUID();
		forbidden(metOfficer, IntakeHttpIT.VALID.formatted(marker).replace("\"GB\"", "\"DE\""))
			.jsonPath("$.errors[0].field")
			.isEqualTo("agency.country")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("own-agency");
		assertThat(recordsMentioning(marker)).isEmpty();
		submit(metOfficer, null, IntakeHttpIT.VALID.formatted("own-country-" + UUID.randomUUID()));
	}

	/**
	 * With the register's name and email domains in the token, a request naming another
	 * agency, or giving a contact address outside the agency's domains, is refused naming
	 * each field; the register's name in another case, Unicode form or spacing, and an
	 * address under one of its domains, are the agency's own.
	 */
	@Test
	void anOfficerSubmitsOnlyUnderTheirAgencysRegisteredNameAndEmailDomains() {
		WebTestClient metOfficer = as(this.tokens.registeredOfficer("officer-met", TestTokens.AGENCY, false, "GB",
				"Metropolitan Police Service", List.of("met.police.uk")));
		String marker = "other-agency-" + UUID.randomUUID();
		forbidden(metOfficer,
				IntakeHttpIT.VALID.formatted(marker)
					.replace("Metropolitan Police Service", "National Crime Agency")
					.replace("liaison@met.police.uk", "duty@nca.gov.uk"))
			.jsonPath("$.errors.length()")
			.isEqualTo(2)
			.jsonPath("$.errors[0].field")
			.isEqualTo("agency.name")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("own-agency")
			.jsonPath("$.errors[1].field")
			.isEqualTo("agency.contactEmail")
			.jsonPath("$.errors[1].rule")
			.isEqualTo("own-agency");
		// a look-alike domain is not under the agency's
		forbidden(metOfficer,
				IntakeHttpIT.VALID.formatted(marker).replace("liaison@met.police.uk", "x@evilmet.police.uk"))
			.jsonPath("$.errors[0].field")
			.isEqualTo("agency.contactEmail");
		assertThat(recordsMentioning(marker)).isEmpty();
		submit(metOfficer, null,
				IntakeHttpIT.VALID.formatted("own-agency-" + UUID.randomUUID())
					.replace("Metropolitan Police Service", "metropolitan  police SERVICE")
					.replace("liaison@met.police.uk", "duty@cyber.MET.police.uk"));
	}

	@Test
	void anEmergencyRequestNeedsTheOfficersEmergencyPermissionAndIsOtherwiseNeitherStoredNorPublished() {
		WebTestClient withoutPermission = as(this.tokens.officer("officer-n", TestTokens.AGENCY, false));
		String marker = "emergency-" + UUID.randomUUID();
		String emergency = IntakeHttpIT.VALID.formatted(marker).replace("\"SUBPOENA\"", EMERGENCY);
		long files = count("documents.files");
		long keys = count("idempotency_keys");
		withoutPermission.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", marker)
			.bodyValue(emergency)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("emergencyJustification")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("may-file-emergency");
		// a justification alone marks an emergency too, and the multipart route refuses
		// it
		// before the document is stored
		withoutPermission.post()
			.uri("/api/requests")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + IntakeEdgesIT.BOUNDARY))
			.bodyValue(
					IntakeEdgesIT
						.multipart(
								IntakeEdgesIT.part("request", null, "application/json",
										IntakeHttpIT.VALID.formatted(marker)
											.replace("\"SUBPOENA\"",
													"\"SUBPOENA\",\"emergencyJustification\":\"urgent\"")
											.getBytes(StandardCharsets.UTF_8)),
								IntakeEdgesIT.part("document", "w.pdf", "application/pdf", PDF_1)))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("may-file-emergency");
		assertThat(recordsMentioning(marker)).isEmpty();
		assertThat(count("documents.files")).isEqualTo(files);
		assertThat(count("idempotency_keys")).isEqualTo(keys);
		// the same officer's ordinary request is taken, and an officer with the
		// permission files the emergency
		submit(withoutPermission, null, IntakeHttpIT.VALID.formatted(marker + "-ordinary"));
		UUID filed = submit(liaison(), null, emergency);
		assertThat(((RequestReceived) requestEventsFor(filed).get(0).data()).legalProcess()).isEqualTo("EMERGENCY");
	}

	@Test
	void anIdempotencyKeyBelongsToItsCallerAndNeverReturnsBlocksOrRevealsAnothersRequest() {
		String key = "shared-key-" + UUID.randomUUID();
		String body = IntakeHttpIT.VALID.formatted(key);
		WebTestClient sameAgencyColleague = as(this.tokens.officer("liaison-b", TestTokens.AGENCY, true));
		UUID mine = submit(liaison(), key, body);
		// another agency: the same key with another body is not 422, with the same body
		// not my request
		UUID theirs = submit(otherAgency(), key, IntakeHttpIT.VALID.formatted(key + "-other"));
		UUID colleagues = submit(sameAgencyColleague, key, body);
		assertThat(List.of(mine, theirs, colleagues)).doesNotHaveDuplicates();
		assertThat(submit(liaison(), key, body)).isEqualTo(mine);
		assertThat(submit(otherAgency(), key, IntakeHttpIT.VALID.formatted(key + "-other"))).isEqualTo(theirs);
		otherAgency().get().uri("/api/requests/{id}", mine).exchange().expectStatus().isNotFound();
		liaison().get().uri("/api/requests/{id}", theirs).exchange().expectStatus().isNotFound();
		liaison().get().uri("/api/requests/{id}", colleagues).exchange().expectStatus().isOk();
		assertThat(recordsMentioning(key)).hasSize(3);
		// the scope is part of the stored key
		List<String> stored = Flux
			.from(this.database.getCollection("idempotency_keys")
				.find(Filters.regex("_id", "\\|" + java.util.regex.Pattern.quote(key) + "$")))
			.map((doc) -> doc.get("_id").toString())
			.collectList()
			.block(Duration.ofSeconds(10));
		assertThat(stored).hasSize(3).allSatisfy((id) -> assertThat(id).isNotEqualTo(key));
		assertThat(stored).anySatisfy((id) -> assertThat(id).contains(TestTokens.OTHER_AGENCY).contains("officer-b"));
	}

	@Test
	void theActorAndAgencyComeFromTheTokenAndABodyCannotSetThem() {
		WebTestClient liaison = liaison();
		for (String field : List.of("agencyId", "submittedBy")) {
			liaison.post()
				.uri("/api/requests")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(IntakeHttpIT.VALID.formatted("forged")
					.replace("\"service\"", "\"" + field + "\":\"" + TestTokens.OTHER_AGENCY + "\",\"service\""))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo(field)
				.jsonPath("$.errors[0].rule")
				.isEqualTo("known-field");
		}
		assertThat(recordsMentioning("forged")).isEmpty();
		UUID id = submit(liaison, null, IntakeHttpIT.VALID.formatted("attributed"));
		RequestReceived received = (RequestReceived) requestEventsFor(id).get(0).data();
		assertThat(received.agencyId()).isEqualTo(TestTokens.AGENCY);
		assertThat(received.submittedBy()).isEqualTo("liaison-a");
		as(this.tokens.forRole("COUNSEL")).get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.request.agencyId")
			.isEqualTo(TestTokens.AGENCY)
			.jsonPath("$.request.submittedBy")
			.isEqualTo("liaison-a");
		liaison.post()
			.uri("/api/requests/{id}/withdrawal", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"served in error\",\"withdrawnBy\":\"someone-else\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("known-field");
		liaison.post()
			.uri("/api/requests/{id}/withdrawal", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"served in error\"}")
			.exchange()
			.expectStatus()
			.isAccepted();
		assertThat(((RequestWithdrawn) requestEventsFor(id).get(1).data()).withdrawnBy()).isEqualTo("liaison-a");
	}

	@Test
	void theDocumentIsAppendOnlyVersionsCounselMayAddAfterTheDecisionAndTheOfficerMayNot() {
		WebTestClient liaison = liaison();
		WebTestClient counsel = as(this.tokens.forRole("COUNSEL"));
		UUID id = submitWithDocument(liaison, IntakeHttpIT.VALID.formatted("versions"), PDF_1);
		attach(liaison, id, PDF_2).expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/requests/" + id + "/document?version=2")
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(2)
			.jsonPath("$.attachedBy")
			.isEqualTo("liaison-a")
			.jsonPath("$.sha256")
			.isEqualTo(sha256(PDF_2));

		review(id,
				new DecisionRecorded(id, "DISCLOSE_NON_CONTENT", "valid subpoena", "counsel-a", Instant.now(), null,
						new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 2,
								Instant.parse("2012-03-14T10:00:00Z"))));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> liaison.get()
				.uri("/api/requests/{id}", id)
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DECIDED"));
		attach(liaison, id, PDF_3).expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		attach(counsel, id, PDF_3).expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/requests/" + id + "/document?version=3")
			.expectBody()
			.jsonPath("$.version")
			.isEqualTo(3)
			.jsonPath("$.attachedBy")
			.isEqualTo("counsel-a");

		assertThat(download(liaison, id, "1")).isEqualTo(PDF_1);
		assertThat(download(liaison, id, "2")).isEqualTo(PDF_2);
		assertThat(download(counsel, id, null)).isEqualTo(PDF_3);
		liaison.get()
			.uri("/api/requests/{id}/document", id)
			.exchange()
			.expectHeader()
			.valueEquals("Content-Location", "/api/requests/" + id + "/document?version=3")
			.expectHeader()
			.valueEquals("ETag", "\"" + sha256(PDF_3) + "\"");
		liaison.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.documents[*].version")
			.isEqualTo(List.of(1, 2, 3))
			.jsonPath("$.documents[*].sha256")
			.isEqualTo(List.of(sha256(PDF_1), sha256(PDF_2), sha256(PDF_3)))
			.jsonPath("$.documents[*].size")
			.isEqualTo(List.of(PDF_1.length, PDF_2.length, PDF_3.length))
			.jsonPath("$.documents[*].attachedBy")
			.isEqualTo(List.of("liaison-a", "liaison-a", "counsel-a"))
			.jsonPath("$.documents[0].attachedAt")
			.isNotEmpty()
			.jsonPath("$.document.version")
			.isEqualTo(3);
		liaison.get()
			.uri("/api/requests/{id}/document?version=4", id)
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		for (String bad : List.of("0", "-1", "two", "1.5", "99999999999")) {
			liaison.get()
				.uri("/api/requests/{id}/document?version={v}", id, bad)
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("version");
		}
		List<EventEnvelope<RequestEvent>> events = requestEventsFor(id);
		assertThat(events).extracting((e) -> e.data().getClass().getSimpleName())
			.containsExactly("RequestReceived", "DocumentAttached", "DocumentAttached");
		DocumentAttached second = (DocumentAttached) events.get(1).data();
		DocumentAttached third = (DocumentAttached) events.get(2).data();
		assertThat(List.of(second.version(), third.version())).containsExactly(2, 3);
		assertThat(List.of(second.attachedBy(), third.attachedBy())).containsExactly("liaison-a", "counsel-a");
		assertThat(third.document().sha256()).isEqualTo(sha256(PDF_3));
	}

	@Test
	void theFirstUploadAfterARequestWithoutADocumentIsVersionOne() {
		UUID id = submit(liaison(), null, IntakeHttpIT.VALID.formatted("no-document-yet"));
		liaison().get().uri("/api/requests/{id}/document", id).exchange().expectStatus().isNotFound();
		attach(liaison(), id, PDF_1).expectStatus()
			.isCreated()
			.expectHeader()
			.location("/api/requests/" + id + "/document?version=1");
		assertThat(download(liaison(), id, "1")).isEqualTo(PDF_1);
	}

	/** The whole answer, as text. */
	private String answer(WebTestClient client, String route, UUID id) {
		String[] parts = route.split(" ");
		String path = parts[1].formatted(id);
		WebTestClient.RequestHeadersSpec<?> request = switch (parts[0]) {
			case "GET" -> client.get().uri(path);
			default -> path.endsWith("/document")
					? client.post().uri(path).contentType(MediaType.APPLICATION_PDF).bodyValue(PDF_2)
					: client.post()
						.uri(path)
						.contentType(MediaType.APPLICATION_JSON)
						.bodyValue("{\"reason\":\"served in error\"}");
		};
		EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
		assertThat(result.getResponseHeaders().getContentType()).as(route)
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return result.getStatus().value() + " " + new String(result.getResponseBody(), StandardCharsets.UTF_8);
	}

	private WebTestClient.ResponseSpec attach(WebTestClient client, UUID id, byte[] pdf) {
		return client.post()
			.uri("/api/requests/{id}/document", id)
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(pdf)
			.exchange();
	}

	private byte[] download(WebTestClient client, UUID id, String version) {
		return client.get()
			.uri((version == null) ? "/api/requests/" + id + "/document"
					: "/api/requests/" + id + "/document?version=" + version)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
	}

	/**
	 * Posts a request as {@code client}, expects 403 problem+json (nothing accepted) and
	 * returns its body to check.
	 */
	private static WebTestClient.BodyContentSpec forbidden(WebTestClient client, String json) {
		return client.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody();
	}

	private UUID submit(WebTestClient client, String key, String json) {
		WebTestClient.RequestBodySpec post = client.post().uri("/api/requests").contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			post = post.header("Idempotency-Key", key);
		}
		EntityExchangeResult<Map> result = post.bodyValue(json).exchange().expectBody(Map.class).returnResult();
		assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody())).isEqualTo(202);
		return UUID.fromString((String) result.getResponseBody().get("id"));
	}

	private UUID submitWithDocument(WebTestClient client, String json, byte[] pdf) {
		Map<?, ?> body = client.post()
			.uri("/api/requests")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + IntakeEdgesIT.BOUNDARY))
			.bodyValue(IntakeEdgesIT.multipart(
					IntakeEdgesIT.part("request", null, "application/json", json.getBytes(StandardCharsets.UTF_8)),
					IntakeEdgesIT.part("document", "warrant.pdf", "application/pdf", pdf)))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	private void review(UUID id, Object event) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer
				.send(new ProducerRecord<>("ler.decisions", id.toString().getBytes(StandardCharsets.UTF_8), this.codec
					.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, 1, Instant.now(), event))));
		}
	}

	private long count(String collection) {
		return Flux.from(this.database.getCollection(collection).countDocuments()).blockFirst();
	}

	private List<EventEnvelope<RequestEvent>> requestEventsFor(UUID id) {
		List<EventEnvelope<RequestEvent>> found = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records()) {
			if (new String(record.key(), StandardCharsets.UTF_8).equals(id.toString())) {
				found.add(this.codec.decodeRequestEvent(record.value()));
			}
		}
		found.sort(Comparator.comparingLong(EventEnvelope::sequence));
		return found;
	}

	private List<byte[]> recordsMentioning(String marker) {
		List<byte[]> found = new ArrayList<>();
		for (ConsumerRecord<byte[], byte[]> record : records()) {
			if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
				found.add(record.value());
			}
		}
		return found;
	}

	private List<ConsumerRecord<byte[], byte[]>> records() {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests");
			KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3)).forEach(all::add);
		}
		return all;
	}

	private static byte[] pdf(String trailer) {
		return (new String(RequestLifecycleHttpIT.PDF, StandardCharsets.US_ASCII) + trailer)
			.getBytes(StandardCharsets.US_ASCII);
	}

	private static String sha256(byte[] bytes) {
		try {
			return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
