package ler.reporting;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;
import ler.testsupport.RouteMatrix;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what (issue 12): the generated 401/403/2xx matrix over every route
 * reporting maps and the dashboard's files, and the dashboard's session sign-in as far as
 * it goes without a provider: a browser is sent to sign in, a program gets 401
 * problem+json, and a session needs its CSRF token for a change.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class ReportingRouteMatrixIT {

	static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "reporting_route_matrix_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@Autowired
	RouteRules rules;

	@TestFactory
	Stream<DynamicTest> everyRouteAnswers401403Or2xx() {
		Map<String, RouteMatrix.Call> examples = new LinkedHashMap<>();
		examples.put("GET /api/statistics", (c, bearer) -> RouteMatrix.get(c, "/api/statistics?period=2012", bearer));
		// the stream never ends: its answer is judged by its status and first event
		examples.put("GET /api/statistics/stream", (c, bearer) -> RouteMatrix.withBearer(
				firstChunkOnly(c).get().uri("/api/statistics/stream?period=2012").accept(MediaType.TEXT_EVENT_STREAM),
				bearer));
		examples.put("GET /api/reports/transparency",
				(c, bearer) -> RouteMatrix.get(c, "/api/reports/transparency?period=2012", bearer));
		examples.put("GET /api/me", (c, bearer) -> RouteMatrix.get(c, "/api/me", bearer));
		// the welcome page answers a page request only; without a token a page request
		// is sent to sign in (tested below), so the 401 row asks as a program would
		examples.put("GET /", (c, bearer) -> (bearer == null) ? RouteMatrix.get(c, "/", null)
				: RouteMatrix.withBearer(c.get().uri("/").accept(MediaType.TEXT_HTML), bearer));
		examples.put("GET /index.html", (c, bearer) -> RouteMatrix.get(c, "/index.html", bearer));
		examples.put("GET /dashboard.js", (c, bearer) -> RouteMatrix.get(c, "/dashboard.js", bearer));
		examples.put("GET /dashboard.css", (c, bearer) -> RouteMatrix.get(c, "/dashboard.css", bearer));
		examples.put("GET /webjars/chart.js/**",
				(c, bearer) -> RouteMatrix.get(c, "/webjars/chart.js/dist/chart.umd.js", bearer));
		examples.put("POST /api/projection/rebuild",
				(c, bearer) -> RouteMatrix.withBearer(c.post().uri("/api/projection/rebuild"), bearer));
		examples.put("GET /api/dead-letters", (c, bearer) -> RouteMatrix.get(c, "/api/dead-letters", bearer));
		examples.put("POST /api/dead-letters/redrive",
				(c, bearer) -> RouteMatrix.withBearer(c.post().uri("/api/dead-letters/redrive"), bearer));
		return RouteMatrix.of(this.context, ServiceUnderTest.client(this.port), matrixRules(this.rules), examples, Set
			.of("GET /", "GET /index.html", "GET /dashboard.js", "GET /dashboard.css", "GET /webjars/chart.js/**"));
	}

	@Test
	void aBrowserWithoutASessionIsSentToSignInAtTheProviderWithPkce() {
		WebTestClient browser = ServiceUnderTest.client(this.port);
		EntityExchangeResult<byte[]> page = browser.get()
			.uri("/?period=2012")
			.header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult();
		assertThat(page.getResponseHeaders().getLocation()).hasPath("/oauth2/authorization/ler-dashboard");
		ResponseCookie session = page.getResponseCookies().getFirst("SESSION");
		assertThat(session).as("the page asked for is kept in a session").isNotNull();
		assertThat(session.isHttpOnly()).isTrue();

		URI authorize = browser.get()
			.uri(page.getResponseHeaders().getLocation().getPath())
			.cookie("SESSION", session.getValue())
			.header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult()
			.getResponseHeaders()
			.getLocation();
		assertThat(authorize.toString()).startsWith(TestTokens.shared().issuer() + "/oauth2/authorize?");
		Map<String, String> query = UriComponentsBuilder.fromUri(authorize)
			.build()
			.getQueryParams()
			.toSingleValueMap()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey,
					(e) -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8)));
		assertThat(query).containsEntry("response_type", "code")
			.containsEntry("client_id", "ler-dashboard")
			.containsEntry("scope", "openid profile")
			.containsEntry("redirect_uri", "http://localhost:" + this.port + "/login/oauth2/code/ler-dashboard")
			.containsEntry("code_challenge_method", "S256")
			.containsKeys("state", "nonce", "code_challenge")
			.doesNotContainKey("client_secret");
	}

	@Test
	void programsWithoutATokenOrSessionGet401ProblemJsonNotARedirect() {
		WebTestClient program = ServiceUnderTest.client(this.port);
		for (String[] call : new String[][] { { "/api/statistics", MediaType.APPLICATION_JSON_VALUE },
				{ "/api/statistics/stream", MediaType.TEXT_EVENT_STREAM_VALUE }, { "/api/me", "*/*" }, { "/", "*/*" },
				{ "/dashboard.js", "*/*" } }) {
			program.get()
				.uri(call[0])
				.header(HttpHeaders.ACCEPT, call[1])
				.exchange()
				.expectStatus()
				.isUnauthorized()
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectHeader()
				.valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
		}
		// a page request carrying a bad token is a program's: 401, not a sign-in
		program.get()
			.uri("/")
			.header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.shared().expired("EXECUTIVE"))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void aChangeThroughASessionNeedsItsCsrfTokenABearerCallDoesNot() {
		WebTestClient browser = ServiceUnderTest.client(this.port);
		String session = browser.get()
			.uri("/")
			.header(HttpHeaders.ACCEPT, BROWSER_ACCEPT)
			.exchange()
			.expectStatus()
			.isFound()
			.expectBody()
			.returnResult()
			.getResponseCookies()
			.getFirst("SESSION")
			.getValue();
		// a forged request rides on the session cookie alone: refused before anything
		// else
		browser.post()
			.uri("/api/dead-letters/redrive")
			.cookie("SESSION", session)
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:csrf");
		// with the token the page reads from its cookie, CSRF passes; this session has
		// signed nobody in, so it is then 401
		browser.post()
			.uri("/api/dead-letters/redrive")
			.cookie("SESSION", session)
			.cookie("XSRF-TOKEN", "page-token")
			.header("X-XSRF-TOKEN", "page-token")
			.exchange()
			.expectStatus()
			.isUnauthorized();
		// a bearer call is not a browser's ambient authority: it needs no CSRF token and
		// meets the route rules (an executive may not rebuild: refused for the role, not
		// for CSRF)
		browser.post()
			.uri("/api/projection/rebuild")
			.cookie("SESSION", session)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.shared().forRole("EXECUTIVE"))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:forbidden");
	}

	@Test
	void meNamesTheCallerAndItsRoles() {
		ServiceUnderTest.client(this.port, TestTokens.shared().staff("exec-7", "EXECUTIVE", "OPERATOR"))
			.get()
			.uri("/api/me")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.json("{\"name\":\"exec-7\",\"roles\":[\"EXECUTIVE\",\"OPERATOR\"]}", true);
	}

	/** A client that reads only the first chunk of an answer's body, then hangs up. */
	private static WebTestClient firstChunkOnly(WebTestClient client) {
		return client.mutate()
			.filter(ExchangeFilterFunction.ofResponseProcessor((response) -> reactor.core.publisher.Mono
				.just(response.mutate().body((body) -> body.take(1)).build())))
			.build();
	}

	static List<RouteMatrix.Rule> matrixRules(RouteRules rules) {
		return rules.rules()
			.stream()
			.map((r) -> new RouteMatrix.Rule(r.method().name(), r.pattern(),
					r.roles().stream().map(Role::name).collect(Collectors.toSet()), r.open()))
			.toList();
	}

}
