package ler.reporting.statistics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import ler.testsupport.ServiceUnderTest;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import ler.testsupport.RealInfrastructure;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Reporting against a real MongoDB replica set and a real Apache Kafka image; skipped
 * where no Docker engine runs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReportingOnRealInfrastructureIT extends RealInfrastructure {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		register(registry, "ler_reporting");
	}

	@LocalServerPort
	int port;

	@Test
	void countsRepeatedEventsOnce() {
		EventCodec codec = new EventCodec();
		RequestReceived r = Events.received(UUID.randomUUID(), "TR", "COURT_ORDER", 2, "2012-04-01T00:00:00Z");
		byte[] received = codec
			.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", r.requestId(), 1, Instant.now(), r));
		byte[] decided = codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", r.requestId(), 1,
				Instant.now(), Events.decided(r, "NO_DATA_FOUND", null)));
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", kafka.getBootstrapServers()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			byte[] key = r.requestId().toString().getBytes(StandardCharsets.UTF_8);
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>("ler.requests", key, received));
				producer.send(new ProducerRecord<>("ler.decisions", key, decided));
			}
		}
		WebTestClient http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("EXECUTIVE"));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> http.get()
				.uri("/api/statistics?period=2012")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.totals.requests")
				.isEqualTo(1)
				.jsonPath("$.totals.identifiers")
				.isEqualTo(2)
				.jsonPath("$.totals.outcomes.noDataFound.count")
				.isEqualTo(1));
	}

}
