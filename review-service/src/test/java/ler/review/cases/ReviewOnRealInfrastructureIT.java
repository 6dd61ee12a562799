package ler.review.cases;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ler.testsupport.RealInfrastructure;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Review against a real MongoDB replica set and a real Apache Kafka image; skipped where
 * no Docker engine runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReviewOnRealInfrastructureIT extends RealInfrastructure {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		register(registry, "ler_review");
		TestTokens.register(registry);
	}

	@LocalServerPort
	int port;

	@Autowired
	ler.review.cases.store.CaseStore cases;

	@Test
	void decidesAReceivedRequestAndEmptiesTheOutbox() {
		UUID id = UUID.randomUUID();
		RequestReceived received = new RequestReceived(id, new RequestReceived.Agency("Agency", "US", "a@agency.gov"),
				"consumer", "CONSUMER", "SEARCH_WARRANT",
				List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")),
				Instant.parse("2012-02-01T00:00:00Z"), Instant.now());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.getBootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>("ler.requests", id.toString().getBytes(StandardCharsets.UTF_8),
					new EventCodec().encode(
							EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received))));
		}
		WebTestClient http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("COUNSEL"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> http.get().uri("/api/reviews/{id}", id).exchange().expectStatus().isOk());
		http.post()
			.uri("/api/reviews/{id}/decisions", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("decision", "DISCLOSE_CONTENT", "reason", "warrant"))
			.exchange()
			.expectStatus()
			.isAccepted();
		ServiceUnderTest.client(this.port, TestTokens.shared().forRole("SENIOR_COUNSEL"))
			.post()
			.uri("/api/reviews/{id}/approvals", id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("approved", true, "reason", "warrant checked"))
			.exchange()
			.expectStatus()
			.isCreated();
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(this.cases.outbox(id).block()).isEmpty());
	}

}
