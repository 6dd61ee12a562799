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
	 * Points the service at the in-memory MongoDB-wire store ({@link LocalMongo}) and the
	 * Kafka binder at the embedded broker.
	 * @param database the test's own database, so tests sharing a store do not meet
	 */
	public static void onLocalInfrastructure(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.mongodb.uri", () -> LocalMongo.uri(database));
		registry.add("spring.cloud.stream.kafka.binder.brokers", () -> "${spring.embedded.kafka.brokers}");
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
