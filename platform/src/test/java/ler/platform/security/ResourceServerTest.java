package ler.platform.security;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import ler.testsupport.RouteMatrix;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The platform's resource server on a small application: the generated matrix over its
 * routes, and the caller taken from the token.
 */
@SpringBootTest(classes = ResourceServerTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,prometheus",
				"management.endpoint.health.probes.enabled=true" })
class ResourceServerTest {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	RouteRules rules;

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		TestTokens.register(registry);
		registry.add("ler.database.name", () -> "platform-security");
		registry.add("spring.mongodb.uri", () -> ler.testsupport.LocalMongo.uri("platform-security"));
	}

	@TestFactory
	Stream<DynamicTest> everyRouteAnswers401403Or2xx() {
		WebTestClient client = ServiceUnderTest.client(this.port);
		return RouteMatrix.of(this.context, client, matrixRules(this.rules),
				Map.of("GET /api/things", (c, bearer) -> RouteMatrix.get(c, "/api/things", bearer), "POST /api/things",
						(c, bearer) -> RouteMatrix.withBearer(c.post().uri("/api/things"), bearer)),
				Set.of());
	}

	@Test
	void theCallerIsTheTokensSubjectAndAgency() {
		ServiceUnderTest.client(this.port)
			.get()
			.uri("/api/things")
			.header("Authorization", "Bearer " + TestTokens.shared().officer("officer-7", "agency-x", false))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.subject")
			.isEqualTo("officer-7")
			.jsonPath("$.agencyId")
			.isEqualTo("agency-x")
			.jsonPath("$.roles[0]")
			.isEqualTo("LIAISON");
	}

	@Test
	void theFirewallsRefusalIsProblemJsonToo() {
		ServiceUnderTest.client(this.port, TestTokens.shared().forRole("COUNSEL"))
			.get()
			.uri(java.net.URI.create("http://localhost:" + this.port + "/api/things/%00"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:rejected-request");
	}

	/**
	 * Thousands of quick answers in a row (refusals the security layer writes without
	 * reading the body, and successes) all arrive, through the client every service test
	 * uses ({@link ServiceUnderTest#bindToServer()}). With Reactor Netty's pooled client
	 * a request hung here within a few thousand.
	 */
	@Test
	void quickAnswersInARowAllArrive() {
		String liaison = TestTokens.shared().forRole("LIAISON");
		WebTestClient client = ServiceUnderTest.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.responseTimeout(java.time.Duration.ofSeconds(10))
			.build();
		for (int i = 0; i < 1000; i++) {
			client.post()
				.uri("/api/things")
				.header("Authorization", "Bearer " + liaison)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue("{\"n\":" + i + "}")
				.exchange()
				.expectStatus()
				.isForbidden();
			client.get().uri("/api/things").exchange().expectStatus().isUnauthorized();
			client.get()
				.uri("/api/things")
				.header("Authorization", "Bearer " + liaison)
				.exchange()
				.expectStatus()
				.isOk();
		}
	}

	/** With a route nobody wrote a rule for. */
	@Nested
	@SpringBootTest(classes = ResourceServerTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = "test.unruled-route=true")
	class WithARouteWithoutARule {

		@LocalServerPort
		int unruledPort;

		@Autowired
		ApplicationContext unruledContext;

		@Test
		void theMatrixFindsItAndEveryRoleIsRefused() {
			assertThat(RouteMatrix.mappedRoutes(this.unruledContext)).contains("GET /api/unruled");
			assertThat(RouteMatrix.unruled(this.unruledContext, matrixRules(ResourceServerTest.this.rules)))
				.containsExactly("GET /api/unruled");
			ServiceUnderTest.client(this.unruledPort)
				.get()
				.uri("/api/unruled")
				.header("Authorization",
						"Bearer " + TestTokens.shared()
							.staff("all", "LIAISON", "COUNSEL", "SENIOR_COUNSEL", "EXECUTIVE", "OPERATOR", "ADMIN"))
				.exchange()
				.expectStatus()
				.isForbidden()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		}

	}

	static List<RouteMatrix.Rule> matrixRules(RouteRules rules) {
		return rules.rules()
			.stream()
			.map((r) -> new RouteMatrix.Rule(r.method().name(), r.pattern(),
					r.roles().stream().map(Role::name).collect(java.util.stream.Collectors.toSet()), r.open()))
			.toList();
	}

	@SpringBootApplication
	static class App {

		@Bean
		RouteRules routeRules() {
			return RouteRules.builder()
				.allow(HttpMethod.GET, "/api/things", Role.LIAISON, Role.COUNSEL)
				.allow(HttpMethod.POST, "/api/things", Role.SENIOR_COUNSEL)
				.build();
		}

		@RestController
		static class Things {

			@GetMapping("/api/things")
			Mono<Caller> list(Caller caller) {
				return Mono.just(caller);
			}

			@PostMapping("/api/things")
			Mono<List<String>> add(Caller caller) {
				return Mono.just(List.of(caller.subject()));
			}

		}

		@RestController
		@ConditionalOnProperty("test.unruled-route")
		static class Unruled {

			@GetMapping("/api/unruled")
			Mono<String> unruled() {
				return Mono.just("never");
			}

		}

	}

}
