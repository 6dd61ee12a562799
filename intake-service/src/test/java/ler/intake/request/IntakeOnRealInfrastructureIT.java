package ler.intake.request;

import java.time.Duration;
import java.util.Map;

import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import ler.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.awaitility.Awaitility.await;

/**
 * Intake against a real MongoDB replica set and a real Apache Kafka image. Skipped
 * (reported as such) where no Docker engine runs; the default suite covers the same flow
 * on the embedded broker and the MongoDB-wire store.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IntakeOnRealInfrastructureIT extends RealInfrastructure {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		register(registry, "ler_intake");
	}

	@LocalServerPort
	int port;

	@Test
	void acceptsARequestAndShowsItsStatus() {
		WebTestClient http = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("LIAISON"));
		String body = IntakeHttpIT.VALID.formatted("containers");
		Map<?, ?> first = http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "containers-1")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", "containers-1")
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.id")
			.isEqualTo(first.get("id"));
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> http.get()
				.uri("/api/requests/{id}", first.get("id"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo("PENDING_REVIEW"));
	}

}
