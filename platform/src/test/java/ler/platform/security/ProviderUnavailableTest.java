package ler.platform.security;

import java.io.IOException;
import java.net.ServerSocket;

import ler.testsupport.LocalMongo;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A token that cannot be checked because the provider's keys are unreachable is a 503
 * problem with {@code Retry-After}, never a 500 and never a 401 (the caller did nothing
 * wrong).
 */
@SpringBootTest(classes = ResourceServerTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProviderUnavailableTest {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void unreachableProvider(DynamicPropertyRegistry registry) throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		int port = closed;
		registry.add("ler.security.issuer-uri", () -> TestTokens.shared().issuer());
		registry.add("ler.security.jwk-set-uri", () -> "http://127.0.0.1:" + port + "/oauth2/jwks");
		registry.add("spring.mongodb.uri", () -> LocalMongo.uri("platform-provider-down"));
	}

	@Test
	void aTokenThatCannotBeCheckedIs503() {
		ServiceUnderTest.client(this.port, TestTokens.shared().forRole("LIAISON"))
			.get()
			.uri("/api/things")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.valueEquals("Retry-After", "5")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:provider-unavailable");
	}

}
