package ler.reporting.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.testsupport.ServiceUnderTest;
import ler.testsupport.ApiDescriptionAgreement;
import ler.testsupport.TestTokens;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
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
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Both streams through the real broker into the projection, read over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class ReportingFlowIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "reporting_flow_test");
		// keep the poison test short
		registry.add("spring.cloud.stream.bindings.projectRequests-in-0.consumer.back-off-initial-interval",
				() -> "50");
		registry.add("spring.cloud.stream.bindings.projectRequests-in-0.consumer.back-off-max-interval", () -> "100");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	final EventCodec codec = new EventCodec();

	/** An executive: the figures and the report. */
	WebTestClient http;

	/** An operator: dead letters, re-drive, rebuild, the API description. */
	WebTestClient operator;

	@BeforeEach
	void client() {
		this.http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("EXECUTIVE"));
		this.operator = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("OPERATOR"));
	}

	@Test
	void countsEachRequestOnceInItsBucketAndDeadLettersPoison() {
		RequestReceived gb = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 2, "2011-03-14T10:00:00Z");
		RequestReceived us = Events.received(UUID.randomUUID(), "US", "SEARCH_WARRANT", 1, "2011-04-01T00:00:00Z");
		RequestReceived tr = Events.received(UUID.randomUUID(), "TR", "COURT_ORDER", 3, "2011-05-01T00:00:00Z");
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			// the decision on US arrives before its request
			send(producer, "ler.decisions", us.requestId(),
					this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", us.requestId(), 1,
							Instant.now(), Events.decided(us, "DISCLOSE_CONTENT", null))));
			for (RequestReceived r : new RequestReceived[] { gb, us, tr }) {
				byte[] event = this.codec.encode(
						EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", r.requestId(), 1, Instant.now(), r));
				send(producer, "ler.requests", r.requestId(), event);
				// published twice, as a retried relay would
				send(producer, "ler.requests", r.requestId(), event);
			}
			send(producer, "ler.requests", gb.requestId(), "{not an event".getBytes(StandardCharsets.UTF_8));
			send(producer, "ler.decisions", gb.requestId(),
					this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", gb.requestId(), 1,
							Instant.now(), Events.decided(gb, "DISCLOSE_NON_CONTENT", null))));
			RequestReceived after = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2011-06-01T00:00:00Z");
			send(producer, "ler.requests", gb.requestId(), this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(),
					"/intake-service", after.requestId(), 1, Instant.now(), after)));
		}

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.get()
				.uri("/api/statistics?period=2011")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.totals.requests")
				.isEqualTo(4)
				.jsonPath("$.totals.identifiers")
				.isEqualTo(7)
				.jsonPath("$.totals.decided")
				.isEqualTo(2)
				.jsonPath("$.totals.pending")
				.isEqualTo(2)
				.jsonPath("$.totals.outcomes.content.count")
				.isEqualTo(1)
				.jsonPath("$.totals.outcomes.nonContent.count")
				.isEqualTo(1)
				.jsonPath("$.totals.outcomes.content.percent")
				.isEqualTo(25.0)
				.jsonPath("$.byCountry[0].key")
				.isEqualTo("GB")
				.jsonPath("$.byCountry[0].requests")
				.isEqualTo(2)
				.jsonPath("$.byCountry[0].outcomes.nonContent.percent")
				.isEqualTo(50.0)
				.jsonPath("$.byLegalProcess[?(@.key == 'SEARCH_WARRANT')].outcomes.content.count")
				.isEqualTo(1)
				.jsonPath("$.byService[0].key")
				.isEqualTo("consumer"));
		this.http.get()
			.uri("/api/statistics?period=2011-H2")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.totals.requests")
			.isEqualTo(0);

		ConsumerRecord<byte[], byte[]> dead = deadLetter("ler.requests.dlq.reporting");
		assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not an event");
		assertThat(dead.headers().lastHeader("x-exception-message")).isNotNull();
		// dead-lettered alone by the container's error handler, with the binder's headers
		assertThat(new String(dead.headers().lastHeader("x-original-topic").value(), StandardCharsets.UTF_8))
			.isEqualTo("ler.requests");
		assertThat(dead.headers().lastHeader("x-original-partition").value()).hasSize(4);
		assertThat(dead.headers().lastHeader("x-original-offset").value()).hasSize(8);
		assertThat(new String(dead.headers().lastHeader("x-exception-fqcn").value(), StandardCharsets.UTF_8))
			.as("the codec's exception, not the container's wrappers")
			.doesNotContain("BatchListenerFailedException")
			.doesNotContain("ListenerExecutionFailedException");
		assertThat(dead.headers().lastHeader("x-exception-stacktrace")).as("may quote the payload").isNull();
	}

	@Test
	void refusesAnUnknownPeriodWithProblemJson() {
		this.http.get()
			.uri("/api/statistics?period=yesterday")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType("application/problem+json")
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("period");
	}

	@Test
	void theOpenApiDescriptionMatchesTheCode(@Autowired org.springframework.context.ApplicationContext context) {
		ApiDescriptionAgreement.check(this.operator, context, Map.of());
	}

	@Test
	void deadLettersAreListedAsMetadataWithTheirErrorAndRedrivenOnce() {
		UUID key = UUID.randomUUID();
		byte[] poison = ("{\"poison\":\"" + key
				+ "\",\"identifiers\":[{\"type\":\"EMAIL\",\"value\":\"someone@example.com\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			send(producer, "ler.requests", key, poison);
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.operator.get()
				.uri("/api/dead-letters")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$[?(@.key == '" + key + "')].originalTopic")
				.isEqualTo(List.of("ler.requests"))
				.jsonPath("$[?(@.key == '" + key + "')].exception")
				.value((messages) -> assertThat(messages.toString()).contains("attribute '...' missing"))
				.jsonPath("$[?(@.key == '" + key + "')].exceptionType")
				.value((types) -> assertThat(types.toString()).contains("Exception"))
				.jsonPath("$[?(@.key == '" + key + "')].payloadBytes")
				.isEqualTo(List.of(poison.length)));
		// metadata only: the payload, with the identifiers it names, is never shown
		String listed = this.operator.get()
			.uri("/api/dead-letters")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(listed).doesNotContain("someone@example.com").doesNotContain("poison").doesNotContain("\"payload\"");
		this.operator.post()
			.uri("/api/dead-letters/redrive")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.redriven")
			.value((n) -> assertThat(((Number) n).intValue()).isPositive());
		// still poison after the re-drive: it comes back to the dead letters, and the
		// first copy shows as re-driven
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.operator.get()
				.uri("/api/dead-letters")
				.exchange()
				.expectBody()
				.jsonPath("$[?(@.key == '" + key + "')].redriven")
				.isEqualTo(List.of(true, false)));
	}

	@Test
	void aRebuildFromTheTopicsGivesExactlyTheLiveFigures() {
		RequestReceived r = Events.received(UUID.randomUUID(), "NL", "SUBPOENA", 4, "2009-05-01T00:00:00Z");
		try (KafkaProducer<byte[], byte[]> producer = producer()) {
			send(producer, "ler.requests", r.requestId(), this.codec
				.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", r.requestId(), 1, Instant.now(), r)));
			send(producer, "ler.decisions", r.requestId(), this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(),
					"/review-service", r.requestId(), 1, Instant.now(), Events.decided(r, "NO_DATA_FOUND", null))));
		}
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> this.http.get()
				.uri("/api/statistics?period=2009")
				.exchange()
				.expectBody()
				.jsonPath("$.totals.decided")
				.isEqualTo(1));
		String live = this.http.get()
			.uri("/api/statistics")
			.exchange()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		this.operator.post()
			.uri("/api/projection/rebuild")
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.rewoundGroups")
			.exists();
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.http.get()
				.uri("/api/statistics")
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody()).isEqualTo(live));
	}

	@Test
	void hostileQueriesGetProblemJsonNeverA5xx() {
		List<String> queries = List.of("/api/statistics?period=%00", "/api/statistics?period=2012-H9",
				"/api/statistics?period=" + "9".repeat(3000), "/api/statistics?period=%27%20OR%201=1",
				"/api/statistics?period=-2012", "/api/reports/transparency", "/api/reports/transparency?period=",
				"/api/reports/transparency?period=2012&topN=0", "/api/reports/transparency?period=2012&topN=abc",
				"/api/reports/transparency?period=2012&topN=99999999999",
				"/api/reports/transparency?period=2012&suppressBelow=-5", "/api/reports/transparency?period=x%0d%0a",
				"/api/reports/transparency?period=2012&table=../../etc", "/api/statistics/stream?period=%00",
				"/api/statistics/stream?period=2012-H3", "/api/statistics/stream?period=" + "1".repeat(3000));
		int tried = 0;
		for (String query : queries) {
			// table= chooses a CSV table; the other representations have no tables to
			// choose
			for (String accept : query.contains("table=") ? List.of("text/csv")
					: List.of("application/json", "text/csv", "application/zip", "*/*")) {
				org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = this.http.get()
					.uri(java.net.URI.create("http://localhost:" + this.port + query))
					.header("Accept", accept)
					.exchange()
					.expectBody()
					.returnResult();
				int status = result.getStatus().value();
				assertThat(status).as(accept + " " + query).isBetween(400, 499);
				if (status != 406) {
					assertThat(result.getResponseHeaders().getContentType()).as(accept + " " + query + " " + status)
						.isNotNull();
					assertThat(result.getResponseHeaders().getContentType().toString()).as(accept + " " + query)
						.startsWith("application/problem+json");
				}
				tried++;
			}
		}
		this.http.get()
			.uri("/api/reports/transparency?period=2011")
			.header("Accept", "image/png")
			.exchange()
			.expectStatus()
			.isEqualTo(406);
		System.out.printf("reporting: %d hostile queries tried%n", tried + 1);
	}

	private KafkaProducer<byte[], byte[]> producer() {
		return new KafkaProducer<>(Map.of("bootstrap.servers", this.broker.getBrokersAsString()),
				new ByteArraySerializer(), new ByteArraySerializer());
	}

	private static void send(KafkaProducer<byte[], byte[]> producer, String topic, UUID key, byte[] value) {
		producer.send(new ProducerRecord<>(topic, key.toString().getBytes(StandardCharsets.UTF_8), value));
	}

	private ConsumerRecord<byte[], byte[]> deadLetter(String topic) {
		Map<String, Object> props = KafkaTestUtils.consumerProps(this.broker, "dlq-" + UUID.randomUUID(), false);
		props.put("auto.offset.reset", "earliest");
		try (Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(props, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())
			.createConsumer()) {
			consumer.subscribe(java.util.List.of(topic));
			return KafkaTestUtils.getSingleRecord(consumer, topic, Duration.ofSeconds(20));
		}
	}

}
