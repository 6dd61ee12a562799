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
import ler.events.CaseWithdrawn;
import ler.events.DecisionRecorded;
import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.events.RequestWithdrawn;
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
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Documents, verification and withdrawal as a liaison meets them, over HTTP and the real
 * broker.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class RequestLifecycleHttpIT {

	static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
		.getBytes(StandardCharsets.US_ASCII);

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_lifecycle_test");
		registry.add("ler.intake.max-document-size", () -> "64KB");
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
	void aRequestWithItsWarrantStoresTheDocumentAndPublishesItsFingerprint() {
		MultipartBodyBuilder parts = new MultipartBodyBuilder();
		parts.part("request", IntakeHttpIT.VALID.formatted("with-document").replace("SUBPOENA", "SEARCH_WARRANT"),
				MediaType.APPLICATION_JSON);
		parts.part("document", new ByteArrayResource(PDF) {
			@Override
			public String getFilename() {
				return "warrant 2012/117.pdf";
			}
		}, MediaType.APPLICATION_PDF);
		Map<?, ?> body = this.http.post()
			.uri("/api/requests")
			.body(BodyInserters.fromMultipartData(parts.build()))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		UUID id = UUID.fromString((String) body.get("id"));

		RequestReceived received = (RequestReceived) requestEventsFor(id).get(0).data();
		assertThat(received.document().sha256()).isEqualTo("%064x".formatted(new java.math.BigInteger(1, sha256(PDF))));
		assertThat(received.document().size()).isEqualTo(PDF.length);
		assertThat(received.document().fileName()).isEqualTo("warrant_2012_117.pdf");

		byte[] downloaded = this.http.get()
			.uri("/api/requests/{id}/document", id)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PDF)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		assertThat(downloaded).isEqualTo(PDF);
	}

	@Test
	void aDocumentMayFollowTheRequestButMustBeASmallPdf() {
		UUID id = submit(IntakeHttpIT.VALID.formatted("document-later"));
		this.http.post()
			.uri("/api/requests/{id}/document", id)
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue("not a pdf at all".getBytes(StandardCharsets.US_ASCII))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("pdf");
		byte[] big = new byte[70_000];
		System.arraycopy(PDF, 0, big, 0, PDF.length);
		this.http.post()
			.uri("/api/requests/{id}/document", id)
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(big)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.post()
			.uri("/api/requests/{id}/document", id)
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(PDF)
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(requestEventsFor(id)).extracting((e) -> e.data().getClass().getSimpleName())
				.containsExactly("RequestReceived", "DocumentAttached"));
		this.http.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.document.size")
			.isEqualTo(PDF.length);
		this.http.post()
			.uri("/api/requests/{id}/document", UUID.randomUUID())
			.contentType(MediaType.APPLICATION_PDF)
			.bodyValue(PDF)
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void aRequesterOutsideTheAllowListIsHeldForVerification() {
		UUID id = submit(IntakeHttpIT.VALID.formatted("gmail").replace("liaison@met.police.uk", "officer@gmail.com"));
		assertThat(((RequestReceived) requestEventsFor(id).get(0).data()).requesterVerified()).isFalse();
		this.http.get()
			.uri("/api/requests/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("VERIFICATION_PENDING");
	}

	@Test
	void theRequesterWithdrawsAnOpenRequestButNotADecidedOne() {
		UUID open = submit(IntakeHttpIT.VALID.formatted("withdraw-me"));
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", open)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("reason");
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", open)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "served in error"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("WITHDRAWAL_REQUESTED");
		assertThat(requestEventsFor(open)).extracting((e) -> e.data().getClass().getSimpleName())
			.containsExactly("RequestReceived", "RequestWithdrawn");
		assertThat(requestEventsFor(open).get(1).sequence()).isEqualTo(2);
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", open)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "again"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("WITHDRAWAL_REQUESTED");
		review(open, new CaseWithdrawn(open, "served in error", Instant.now(), summary()), 1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/requests/{id}", open)
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("WITHDRAWN"));

		UUID decided = submit(IntakeHttpIT.VALID.formatted("decided-first"));
		review(decided,
				new DecisionRecorded(decided, "REJECT", "over-broad", "c", Instant.now(), null, summary(), null), 1);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/requests/{id}", decided)
				.exchange()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("DECIDED"));
		this.http.post()
			.uri("/api/requests/{id}/withdrawal", decided)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("reason", "too late"))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
	}

	private static RequestSummary summary() {
		return new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 2, Instant.parse("2012-03-14T10:00:00Z"));
	}

	private void review(UUID id, Object event, long sequence) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>("ler.decisions", id.toString().getBytes(StandardCharsets.UTF_8),
					this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, sequence,
							Instant.now(), event))));
		}
	}

	private UUID submit(String json) {
		Map<?, ?> body = this.http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	private List<EventEnvelope<RequestEvent>> requestEventsFor(UUID id) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "check-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		List<EventEnvelope<RequestEvent>> found = new ArrayList<>();
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			ler.testsupport.TopicReader.fromStart(consumer, "ler.requests");
			for (ConsumerRecord<byte[], byte[]> record : KafkaTestUtils.getRecords(consumer, Duration.ofSeconds(3))) {
				if (new String(record.key(), StandardCharsets.UTF_8).equals(id.toString())) {
					found.add(this.codec.decodeRequestEvent(record.value()));
				}
			}
		}
		found.sort(java.util.Comparator.comparingLong(EventEnvelope::sequence));
		return found;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
