package ler.intake.request;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;
import ler.testsupport.RouteMatrix;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The generated 401/403/2xx matrix over every route intake maps (issue 12), with an
 * example per route that succeeds for each role its rule allows. Examples that need a
 * request create their own, as the standard officer of {@link TestTokens#AGENCY}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class IntakeRouteMatrixIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_matrix_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	RouteRules rules;

	@TestFactory
	Stream<DynamicTest> everyRouteAnswers401Or403OrSucceedsForItsRoles() {
		WebTestClient liaison = ServiceUnderTest.client(this.port, TestTokens.shared().forRole("LIAISON"));
		Supplier<UUID> request = once(() -> submit(liaison));
		Supplier<UUID> withDocument = once(() -> {
			UUID id = submit(liaison);
			liaison.post()
				.uri("/api/requests/{id}/document", id)
				.contentType(MediaType.APPLICATION_PDF)
				.bodyValue(RequestLifecycleHttpIT.PDF)
				.exchange()
				.expectStatus()
				.isCreated();
			return id;
		});
		Map<String, RouteMatrix.Call> examples = Map.of("POST /api/requests",
				(c, bearer) -> RouteMatrix.withBearer(c.post()
					.uri("/api/requests")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(IntakeHttpIT.VALID.formatted("matrix")), bearer),
				"GET /api/requests/{id}", (c, bearer) -> RouteMatrix.get(c, "/api/requests/" + request.get(), bearer),
				"POST /api/requests/{id}/document",
				(c, bearer) -> RouteMatrix.withBearer(c.post()
					.uri("/api/requests/{id}/document", request.get())
					.contentType(MediaType.APPLICATION_PDF)
					.bodyValue(RequestLifecycleHttpIT.PDF), bearer),
				"GET /api/requests/{id}/document",
				(c, bearer) -> RouteMatrix.get(c, "/api/requests/" + withDocument.get() + "/document", bearer),
				// a withdrawal is once per request: each call gets a request of its own
				"POST /api/requests/{id}/withdrawal",
				(c, bearer) -> RouteMatrix.withBearer(c.post()
					.uri("/api/requests/{id}/withdrawal", submit(liaison))
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue("{\"reason\":\"served in error\"}"), bearer));
		return RouteMatrix.of(this.context, ServiceUnderTest.client(this.port), matrixRules(this.rules), examples,
				Set.of());
	}

	static List<RouteMatrix.Rule> matrixRules(RouteRules rules) {
		return rules.rules()
			.stream()
			.map((r) -> new RouteMatrix.Rule(r.method().name(), r.pattern(),
					r.roles().stream().map(Role::name).collect(Collectors.toSet()), r.open()))
			.toList();
	}

	static UUID submit(WebTestClient liaison) {
		Map<?, ?> body = liaison.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(IntakeHttpIT.VALID.formatted("matrix-fixture"))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		return UUID.fromString((String) body.get("id"));
	}

	private static <T> Supplier<T> once(Supplier<T> make) {
		AtomicReference<T> made = new AtomicReference<>();
		return () -> made.updateAndGet((current) -> (current != null) ? current : make.get());
	}

}
