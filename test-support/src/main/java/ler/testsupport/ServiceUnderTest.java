package ler.testsupport;

import java.time.Duration;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
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
	 * A WebTestClient builder whose every request has a connection of its own. Reused
	 * keep-alive connections gave two kinds of false failures: Reactor Netty's pool
	 * (1.3.6 to 1.3.8) now and then never saw the answer to a quick request, hanging a
	 * test for its whole timeout; the JDK's client, after an answer sent before the body
	 * was read, got a bare 400 for its next request on that connection. (Both noted for
	 * the service side in the closing note of issue 12.)
	 */
	public static WebTestClient.Builder bindToServer() {
		return WebTestClient.bindToServer(new ReactorClientHttpConnector(reactor.netty.http.client.HttpClient
			.create(reactor.netty.resources.ConnectionProvider.newConnection())));
	}

	/**
	 * A client for the service that sends {@code Authorization: Bearer <token>} on every
	 * request, e.g. {@code client(port, TestTokens.shared().forRole("COUNSEL"))}.
	 */
	public static WebTestClient client(int port, String bearer) {
		return bindToServer().baseUrl("http://localhost:" + port)
			.defaultHeader("Authorization", "Bearer " + bearer)
			.responseTimeout(Duration.ofSeconds(30))
			.build();
	}

	/**
	 * A client for the service on {@code localhost:port}, patient enough for a cold JVM
	 * (30 s).
	 */
	public static WebTestClient client(int port) {
		return bindToServer().baseUrl("http://localhost:" + port).responseTimeout(Duration.ofSeconds(30)).build();
	}

}
