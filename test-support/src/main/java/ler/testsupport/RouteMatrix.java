package ler.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;

import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated 401/403 matrix of one service (issue 12). Its rows are the routes the
 * application actually maps (read from its {@code RequestMappingHandlerMapping}) plus the
 * platform's operational routes; each must have a rule in the service's table and an
 * example call, so a new route without a rule fails here. For every row:
 * <ul>
 * <li>401 problem+json without a token, with a token that is not a JWT, an expired token,
 * a token signed by another key, and an ID token in place of an access token;</li>
 * <li>403 problem+json for each role the rule does not allow;</li>
 * <li>2xx for each role it allows.</li>
 * </ul>
 */
public final class RouteMatrix {

	/** Every role a token may carry. */
	public static final List<String> ROLES = List.of("LIAISON", "COUNSEL", "SENIOR_COUNSEL", "EXECUTIVE", "OPERATOR",
			"ADMIN");

	/**
	 * One rule of a service's table.
	 *
	 * @param method HTTP method, e.g. {@code GET}
	 * @param pattern the path pattern as mapped, e.g. {@code /api/requests/{id}}
	 * @param roles the roles allowed
	 * @param open true when no token is needed
	 */
	public record Rule(String method, String pattern, Set<String> roles, boolean open) {

		/** {@code GET /api/requests/{id}} */
		public String route() {
			return this.method + " " + this.pattern;
		}

	}

	/** Sends one example request for a route with the given bearer token (or none). */
	@FunctionalInterface
	public interface Call {

		/**
		 * @param bearer the access token, or {@code null} to send none
		 */
		WebTestClient.RequestHeadersSpec<?> request(WebTestClient client, String bearer);

	}

	private static final List<Rule> PLATFORM = List.of(new Rule("GET", "/actuator/health/liveness", Set.of(), true),
			new Rule("GET", "/actuator/health/readiness", Set.of(), true),
			new Rule("GET", "/actuator/health", Set.of("OPERATOR"), false),
			new Rule("GET", "/actuator/prometheus", Set.of("OPERATOR"), false),
			new Rule("GET", "/v3/api-docs", Set.of("OPERATOR"), false),
			new Rule("GET", "/swagger-ui/index.html", Set.of("OPERATOR"), false));

	private RouteMatrix() {
	}

	/**
	 * The matrix as dynamic tests.
	 * @param rules the service's table
	 * @param examples route ({@code GET /api/requests/{id}}) to an example call that
	 * succeeds (2xx) for every role the rule allows
	 * @param extraRoutes routes served outside the controllers (static pages) that the
	 * table covers
	 */
	public static Stream<DynamicTest> of(ApplicationContext context, WebTestClient client, List<Rule> rules,
			Map<String, Call> examples, Set<String> extraRoutes) {
		TestTokens tokens = TestTokens.shared();
		Map<String, Rule> table = new LinkedHashMap<>();
		rules.forEach((rule) -> table.put(rule.route(), rule));
		List<DynamicTest> tests = new ArrayList<>();
		Set<String> mapped = mappedRoutes(context);
		mapped.addAll(extraRoutes);
		tests.add(DynamicTest.dynamicTest("every mapped route has a rule and an example", () -> {
			assertThat(table.keySet()).as("routes with a rule").containsAll(mapped);
			assertThat(mapped).as("rules for routes the service maps").containsAll(table.keySet());
			assertThat(examples.keySet()).as("routes with an example").containsAll(table.keySet());
		}));
		Map<String, Call> platformCalls = new LinkedHashMap<>();
		PLATFORM.forEach((rule) -> platformCalls.put(rule.route(), (c, bearer) -> get(c, rule.pattern(), bearer)));
		List<Rule> all = new ArrayList<>(rules);
		all.addAll(PLATFORM);
		for (Rule rule : all) {
			Call call = examples.getOrDefault(rule.route(), platformCalls.get(rule.route()));
			if (call == null) {
				continue;
			}
			String route = rule.route();
			if (rule.open()) {
				tests.add(DynamicTest.dynamicTest(route + " is open",
						() -> assertThat(
								call.request(client, null).exchange().returnResult(byte[].class).getStatus().value())
							.isLessThan(400)));
				continue;
			}
			String allowed = rule.roles().iterator().next();
			tests.add(DynamicTest.dynamicTest(route + ": 401 without a token",
					() -> refused(call.request(client, null), 401)));
			tests.add(DynamicTest.dynamicTest(route + ": 401 for a token that is not a JWT",
					() -> refused(call.request(client, "not-a-token"), 401)));
			tests.add(DynamicTest.dynamicTest(route + ": 401 for an expired token",
					() -> refused(call.request(client, tokens.expired(allowed)), 401)));
			tests.add(DynamicTest.dynamicTest(route + ": 401 for a token signed by another key",
					() -> refused(call.request(client, tokens.wronglySigned(allowed)), 401)));
			tests.add(DynamicTest.dynamicTest(route + ": 401 for an ID token",
					() -> refused(call.request(client, tokens.idToken(allowed)), 401)));
			for (String role : ROLES) {
				if (rule.roles().contains(role)) {
					tests.add(DynamicTest.dynamicTest(route + ": 2xx for " + role, () -> {
						EntityExchangeResult<byte[]> result = call.request(client, tokens.forRole(role))
							.exchange()
							.expectBody()
							.returnResult();
						assertThat(result.getStatus().is2xxSuccessful()).as(route + " as " + role + " answered "
								+ result.getStatus() + ": "
								+ ((result.getResponseBody() != null)
										? new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8)
										: ""))
							.isTrue();
					}));
				}
				else {
					tests.add(DynamicTest.dynamicTest(route + ": 403 for " + role,
							() -> refused(call.request(client, tokens.forRole(role)), 403)));
				}
			}
		}
		return tests.stream();
	}

	/** The routes the service maps that have no rule in the table. */
	public static Set<String> unruled(ApplicationContext context, List<Rule> rules) {
		Set<String> routes = mappedRoutes(context);
		rules.forEach((rule) -> routes.remove(rule.route()));
		return routes;
	}

	/** The (method, pattern) pairs the service's own controllers map. */
	public static Set<String> mappedRoutes(ApplicationContext context) {
		Set<String> routes = new TreeSet<>();
		context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
			.getHandlerMethods()
			.forEach((info, method) -> {
				if (method.getBeanType().getPackageName().startsWith("ler.")) {
					info.getPatternsCondition()
						.getPatterns()
						.forEach((pattern) -> info.getMethodsCondition()
							.getMethods()
							.forEach((verb) -> routes.add(verb.name() + " " + pattern.getPatternString())));
				}
			});
		return routes;
	}

	/** A GET with the bearer token, if any. */
	public static WebTestClient.RequestHeadersSpec<?> get(WebTestClient client, String path, String bearer) {
		return withBearer(client.get().uri(path), bearer);
	}

	/** Adds {@code Authorization: Bearer} unless the token is {@code null}. */
	public static <S extends WebTestClient.RequestHeadersSpec<?>> S withBearer(S spec, String bearer) {
		if (bearer != null) {
			spec.header("Authorization", "Bearer " + bearer);
		}
		return spec;
	}

	private static void refused(WebTestClient.RequestHeadersSpec<?> request, int status) {
		request.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

}
