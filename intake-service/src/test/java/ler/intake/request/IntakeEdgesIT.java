package ler.intake.request;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.EventCodec;
import ler.events.RequestReceived;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeEach;
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

/**
 * Intake at the edges of its inputs (issue 11): concurrent retries, whole-request
 * fingerprints, the limits of sizes, encodings, codes and JSON, over real HTTP with a
 * real broker and the MongoDB-wire store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class IntakeEdgesIT {

	static final byte[] PDF = RequestLifecycleHttpIT.PDF;

	static final int MAX_DOCUMENT = 10 * 1024 * 1024;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_edges_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoDatabase database;

	final EventCodec codec = new EventCodec();

	WebTestClient http;

	@BeforeEach
	void client() {
		this.http = ler.testsupport.ServiceUnderTest.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestTokens.shared().forRole("LIAISON"))
			.responseTimeout(Duration.ofSeconds(60))
			.codecs((c) -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024))
			.build();
	}

	static String valid(String marker) {
		return IntakeHttpIT.VALID.formatted(marker);
	}

	@Test
	void concurrentSubmissionsWithOneKeyPublishOneRecordAndAllGetItsId() throws Exception {
		String marker = UUID.randomUUID().toString();
		String key = "race-" + marker;
		int callers = 8;
		ExecutorService pool = Executors.newFixedThreadPool(callers);
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<EntityExchangeResult<byte[]>>> answers = new ArrayList<>();
		for (int i = 0; i < callers; i++) {
			answers.add(CompletableFuture.supplyAsync(() -> {
				try {
					start.await();
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
				return this.http.post()
					.uri("/api/requests")
					.contentType(MediaType.APPLICATION_JSON)
					.header("Idempotency-Key", key)
					.bodyValue(valid(marker))
					.exchange()
					.expectBody()
					.returnResult();
			}, pool));
		}
		start.countDown();
		List<String> ids = new ArrayList<>();
		for (CompletableFuture<EntityExchangeResult<byte[]>> answer : answers) {
			EntityExchangeResult<byte[]> result = answer.get(60, TimeUnit.SECONDS);
			String body = new String(result.getResponseBody(), StandardCharsets.UTF_8);
			if (result.getStatus().value() == 409) {
				// the IETF draft's answer while the first is in flight
				assertThat(result.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
				assertThat(body).contains("Idempotency-Key");
				continue;
			}
			assertThat(result.getStatus().value()).as(body).isEqualTo(202);
			ids.add(body.replaceAll(".*\"id\":\"([0-9a-f-]{36})\".*", "$1"));
		}
		pool.shutdown();
		assertThat(ids).isNotEmpty();
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(recordsMentioning(marker)).hasSize(1);
		// and a retry afterwards replays the same answer
		assertThat(submit(key, valid(marker))).isEqualTo(ids.get(0));
		assertThat(recordsMentioning(marker)).hasSize(1);
	}

	@Test
	void theSameKeyWithTheSameJsonAndAnotherDocumentIs422AndStoresNothing() {
		String marker = UUID.randomUUID().toString();
		String key = "doc-" + marker;
		byte[] other = (new String(PDF, StandardCharsets.US_ASCII) + "% another document\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] first = multipart(part("request", null, "application/json", valid(marker).getBytes()),
				part("document", "warrant.pdf", "application/pdf", PDF));
		String id = postMultipart(first, key).expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		long files = count("documents.files");
		postMultipart(multipart(part("request", null, "application/json", valid(marker).getBytes()),
				part("document", "warrant.pdf", "application/pdf", other)), key)
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("Idempotency-Key");
		// without the document too: the fingerprint covers the whole submission
		postMultipart(multipart(part("request", null, "application/json", valid(marker).getBytes())), key)
			.expectStatus()
			.isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
		assertThat(count("documents.files")).as("no orphan document").isEqualTo(files);
		// the very same submission again is a retry
		assertThat(postMultipart(first, key).expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody()
			.get("id")).isEqualTo(id);
		assertThat(count("documents.files")).isEqualTo(files);
		assertThat(recordsMentioning(marker)).hasSize(1);
	}

	@Test
	void aDocumentOneByteOverTheLimitIs413ProblemNamingTheLimitOnEveryRoute() {
		byte[] tooBig = pdfOf(MAX_DOCUMENT + 1);
		postMultipart(multipart(part("request", null, "application/json", valid("big").getBytes()),
				part("document", "big.pdf", "application/pdf", tooBig)), null)
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("10485760"));
		UUID id = UUID.fromString(submit(null, valid("big-later")));
		this.http.post()
			.uri("/api/requests/{id}/document", id)
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(tooBig)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("10485760"));
		// exactly at the limit is accepted
		postMultipart(multipart(part("request", null, "application/json", valid("at-limit").getBytes()),
				part("document", "max.pdf", "application/pdf", pdfOf(MAX_DOCUMENT))), null)
			.expectStatus()
			.isAccepted();
	}

	@Test
	void aBodyWithinEveryFieldLimitIsAcceptedAndOneOverTheBodyLimitIs413NamingIt() {
		// the issue's example: 1,000 identifiers of 300 characters
		StringBuilder identifiers = new StringBuilder();
		for (int i = 0; i < RequestValidator.MAX_IDENTIFIERS; i++) {
			identifiers.append(i == 0 ? "" : ",")
				.append("{\"type\":\"ACCOUNT_ID\",\"value\":\"")
				.append("%04d".formatted(i))
				.append("x".repeat(296))
				.append("\"}");
		}
		String thousand = valid("x").replaceAll("\"identifiers\":\\[.*?\\]\\s*,",
				"\"identifiers\":[" + identifiers + "],");
		assertThat(submit(null, thousand)).isNotNull();

		// the largest request the field limits allow, every character escaped as a JSON
		// \\uXXXX and pretty-printed as common serialisers do
		String largest = LargestRequest.json();
		assertThat(largest.length()).isGreaterThan(650_000);
		assertThat(submit(null, largest)).isNotNull();
		byte[] multipartLargest = multipart(
				part("request", "request.json", "application/octet-stream", largest.getBytes(StandardCharsets.UTF_8)));
		postMultipart(multipartLargest, null).expectStatus().isAccepted();

		// white space is JSON too: one byte over the limit
		String padded = valid("y");
		String tooLarge = padded.replace("\"service\"",
				" ".repeat(1024 * 1024 + 1 - padded.getBytes(StandardCharsets.UTF_8).length) + "\"service\"");
		assertThat(tooLarge.getBytes(StandardCharsets.UTF_8)).hasSize(1024 * 1024 + 1);
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(tooLarge)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("1048576"));
		postMultipart(multipart(part("request", null, null, tooLarge.getBytes())), null).expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void identifiersThatWouldNotFitTheBrokersRecordAre400NotAnEndless503() {
		// 1,000 values of 320 characters, nearly all quotes: 320,000 bytes of UTF-8 but
		// twice that once escaped in the event, value and key each, over the broker's 1
		// MB
		refused(withIdentifiers(i -> "%04d".formatted(i) + "\\\"".repeat(316)), "identifiers", "max-total-bytes");
		// half as many quotes fill the budget exactly as written, and are published
		assertThat(submit(null, withIdentifiers(i -> "%04d".formatted(i) + "\\\"".repeat(158)))).isNotNull();
	}

	private String withIdentifiers(java.util.function.IntFunction<String> escapedValue) {
		StringBuilder identifiers = new StringBuilder();
		for (int i = 0; i < RequestValidator.MAX_IDENTIFIERS; i++) {
			identifiers.append(i == 0 ? "" : ",")
				.append("{\"type\":\"OTHER\",\"value\":\"")
				.append(escapedValue.apply(i))
				.append("\"}");
		}
		return valid("x").replaceAll("\"identifiers\":\\[.*?\\]\\s*,",
				java.util.regex.Matcher.quoteReplacement("\"identifiers\":[" + identifiers + "],"));
	}

	@Test
	void aPartSentTwiceOrUnknownIs400NamingItNotSilentlyDropped() {
		Part first = part("request", null, "application/json", valid("first").getBytes());
		Part second = part("request", null, "application/json", valid("second").getBytes());
		Part pdf = part("document", "d.pdf", "application/pdf", pdfOf(2000));
		for (byte[] body : List.of(multipart(first, second), multipart(first, pdf, pdf),
				multipart(first, part("other", "d.pdf", "application/pdf", pdfOf(2000))))) {
			postMultipart(body, null).expectStatus()
				.isBadRequest()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.errors[0].rule")
				.value((rule) -> assertThat(rule.toString()).isIn("single-part", "known-part"));
		}
		postMultipart(multipart(first, pdf), null).expectStatus().isAccepted();
	}

	@Test
	void theMultipartReadersLimitsAreProblemJsonToo() {
		Part request = part("request", null, "application/json", valid("parts").getBytes());
		// more parts than the four allowed
		int tooMany = postMultipart(multipart(request, request, request, request, request), null).expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
		assertThat(tooMany).isBetween(400, 499);
		// a part's headers beyond the reader's limit
		Part longHeaders = part("request", "r".repeat(20_000) + ".json", "application/json", valid("parts").getBytes());
		int headers = postMultipart(multipart(longHeaders), null).expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
		assertThat(headers).isBetween(400, 499);
		// a document far over its limit meets the reader's per-part limit first: 413 too
		postMultipart(multipart(request, part("document", "huge.pdf", "application/pdf", pdfOf(12 * 1024 * 1024))),
				null)
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aLongUriOrLargeHeadersGetProblemJsonNamingTheLimit() {
		this.http.get()
			.uri("/api/requests/" + "a".repeat(5000))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.URI_TOO_LONG)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("4096"));
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Padding", "p".repeat(20_000))
			.bodyValue(valid("headers"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("16384"));
		// within the limits, the same request is fine
		this.http.post()
			.uri("/api/requests?" + "q".repeat(3000))
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Padding", "p".repeat(10_000))
			.bodyValue(valid("headers"))
			.exchange()
			.expectStatus()
			.isAccepted();
	}

	@Test
	void aLoneSurrogateInAnyTextFieldIs400NamingTheField() {
		refused(valid("s").replace("Metropolitan Police Service", "A\\ud800"), "agency.name", "unicode");
		refused(valid("s").replace("someone@example.com", "someone\\udc00@example.com"), "identifiers[0].value",
				"unicode");
		// a pair is a character
		submit(null, valid("pair \\ud83d\\ude00"));
		// the same bytes raw (CESU-8 for U+D800) are not UTF-8 at all
		byte[] raw = valid("s").replace("Metropolitan", "A@@@").getBytes(StandardCharsets.UTF_8);
		String text = new String(raw, StandardCharsets.ISO_8859_1).replace("@@@", "\u00ed\u00a0\u0080");
		int status = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(text.getBytes(StandardCharsets.ISO_8859_1))
			.exchange()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.returnResult()
			.getStatus()
			.value();
		assertThat(status).isEqualTo(400);
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", UUID.fromString(submit(null, valid("w"))))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"served \\ud800 in error\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reason")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("unicode");
	}

	@Test
	void kosovoIsACountry() {
		String id = submit(null, valid("xk").replace("\"GB\"", "\"XK\""));
		this.http.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.request.agency.country")
			.isEqualTo("XK");
		refused(valid("xk").replace("\"GB\"", "\"XX\""), "agency.country", "iso-3166-1-alpha-2");
	}

	@Test
	void theJsonPartIsReadAsJsonWhateverCurlSendsAndAnotherTypeIs415NamingThePart() {
		// curl -F 'request=<file.json' sends no content type; curl -F request=@file.json
		// sends application/octet-stream
		postMultipart(multipart(part("request", null, null, valid("curl-inline").getBytes()),
				part("document", "w.pdf", "application/pdf", PDF)), null)
			.expectStatus()
			.isAccepted();
		postMultipart(
				multipart(part("request", "request.json", "application/octet-stream", valid("curl-file").getBytes()),
						part("document", "w.pdf", "application/pdf", PDF)),
				null)
			.expectStatus()
			.isAccepted();
		postMultipart(multipart(part("request", null, "text/plain; charset=UTF-8", valid("text").getBytes())), null)
			.expectStatus()
			.isAccepted();
		postMultipart(multipart(part("request", null, "application/xml", valid("xml").getBytes())), null).expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("request")
			.jsonPath("$.detail")
			.value((detail) -> assertThat(detail.toString()).contains("application/json"));
		postMultipart(multipart(part("document", "w.pdf", "application/pdf", PDF)), null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("request");
		postMultipart(multipart(part("request", null, null, "{\"agency\":".getBytes())), null).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aFieldGivenTwiceIs400NamingItInTheBodyAndInTheMultipartPart() {
		String twice = valid("dup").replace("\"legalProcess\":\"SUBPOENA\"",
				"\"legalProcess\":\"SUBPOENA\",\"legalProcess\":\"SEARCH_WARRANT\"");
		refused(twice, "legalProcess", "duplicate-field");
		refused(valid("dup").replace("\"country\":\"GB\"", "\"country\":\"GB\",\"country\":\"US\""), "agency.country",
				"duplicate-field");
		postMultipart(multipart(part("request", null, "application/json", twice.getBytes())), null).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("legalProcess")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("duplicate-field");
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", UUID.randomUUID())
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"reason\":\"a\",\"reason\":\"b\"}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("duplicate-field");
	}

	@Test
	void oneIdentifierNamedTwiceIs400AndEachIdentifierTravelsWithItsKey() {
		String twice = valid("twice").replace("{\"type\":\"GAMERTAG\",\"value\":\"twice\"}",
				"{\"type\":\"EMAIL\",\"value\":\"SomeOne@Example.COM\"}");
		refused(twice, "identifiers[1].value", "unique-identifier");
		String marker = UUID.randomUUID().toString();
		String id = submit(null, valid(marker).replace("someone@example.com", "Suspect.Name@Example.com"));
		RequestReceived received = (RequestReceived) this.codec.decodeRequestEvent(recordsMentioning(marker).get(0))
			.data();
		assertThat(received.identifiers()).extracting(RequestReceived.Identifier::value)
			.containsExactly("Suspect.Name@Example.com", marker);
		assertThat(received.identifiers()).extracting(RequestReceived.Identifier::key)
			.containsExactly("suspect.name@example.com", marker);
		// the answer is the typed view: no stored bookkeeping
		this.http.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.request.identifiers[0].key")
			.isEqualTo("suspect.name@example.com")
			.jsonPath("$.intakeSequence")
			.doesNotExist()
			.jsonPath("$._id")
			.doesNotExist();
	}

	private void refused(String json, String field, String rule) {
		this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo(field)
			.jsonPath("$.errors[0].rule")
			.isEqualTo(rule);
	}

	static byte[] pdfOf(int size) {
		byte[] bytes = new byte[size];
		java.util.Arrays.fill(bytes, (byte) ' ');
		System.arraycopy(PDF, 0, bytes, 0, PDF.length);
		return bytes;
	}

	String submit(String key, String json) {
		WebTestClient.RequestBodySpec post = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON);
		if (key != null) {
			post = post.header("Idempotency-Key", key);
		}
		EntityExchangeResult<Map> result = post.bodyValue(json.getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectBody(Map.class)
			.returnResult();
		assertThat(result.getStatus().value()).as(String.valueOf(result.getResponseBody())).isEqualTo(202);
		return (String) result.getResponseBody().get("id");
	}

	WebTestClient.ResponseSpec postMultipart(byte[] body, String key) {
		WebTestClient.RequestBodySpec post = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + BOUNDARY));
		if (key != null) {
			post = post.header("Idempotency-Key", key);
		}
		return post.bodyValue(body).exchange();
	}

	static final String BOUNDARY = "------------------------e2df2b9bcaab46dd";

	record Part(String name, String fileName, String contentType, byte[] content) {
	}

	static Part part(String name, String fileName, String contentType, byte[] content) {
		return new Part(name, fileName, contentType, content);
	}

	/** A multipart body byte for byte as curl writes it, content types as given. */
	static byte[] multipart(Part... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Part part : parts) {
			StringBuilder head = new StringBuilder("--" + BOUNDARY + "\r\n");
			head.append("Content-Disposition: form-data; name=\"").append(part.name()).append('"');
			if (part.fileName() != null) {
				head.append("; filename=\"").append(part.fileName()).append('"');
			}
			head.append("\r\n");
			if (part.contentType() != null) {
				head.append("Content-Type: ").append(part.contentType()).append("\r\n");
			}
			head.append("\r\n");
			out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.writeBytes(part.content());
			out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return out.toByteArray();
	}

	private long count(String collection) {
		return Flux.from(this.database.getCollection(collection).countDocuments()).blockFirst();
	}

	/**
	 * The values of every record on the request topic whose bytes contain {@code marker}.
	 */
	private List<byte[]> recordsMentioning(String marker) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<byte[]> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests");
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.value(), StandardCharsets.UTF_8).contains(marker)) {
					found.add(record.value());
				}
			}
		}
		return found;
	}

}
