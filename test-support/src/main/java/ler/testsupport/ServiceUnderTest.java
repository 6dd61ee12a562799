package ler.testsupport;

import java.time.Duration;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A service started by {@code @SpringBootTest} on a random port, for a test that speaks
 * HTTP to it and feeds it through the embedded broker of {@code @EmbeddedKafka}.
 */
public final class ServiceUnderTest {

	private ServiceUnderTest() {
	}

	/**
	 * Points the service at the in-memory MongoDB-wire store ({@link LocalMongo}), the
	 * Kafka binder at the embedded broker and its resource server at the stand-in
	 * provider ({@link TestTokens}). The embedded broker has no admin step: the service's
	 * topic check creates its topics, kept forever ({@code ler.topics.create-missing}).
	 * @param database the test's own database, so tests sharing a store do not meet
	 */
	public static void onLocalInfrastructure(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.mongodb.uri", () -> LocalMongo.uri(database));
		registry.add("spring.cloud.stream.kafka.binder.brokers", () -> "${spring.embedded.kafka.brokers}");
		registry.add("ler.topics.create-missing", () -> "true");
		TestTokens.register(registry);
	}

	/**
	 * A client for the service that sends {@code Authorization: Bearer <token>} on every
	 * request, e.g. {@code client(port, TestTokens.shared().forRole("COUNSEL"))}.
	 */
	public static WebTestClient client(int port, String bearer) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", "Bearer " + bearer)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * A client for the service on {@code localhost:port}, patient enough for a cold JVM
	 * (30 s).
	 */
	public static WebTestClient client(int port) {
		return WebTestClient.bindToServer()
			.baseUrl("http://localhost:" + port)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

}
