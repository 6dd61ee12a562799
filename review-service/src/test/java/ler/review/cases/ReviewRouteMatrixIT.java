package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;
import ler.review.cases.application.CaseService;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.ReviewCase;
import ler.testsupport.RouteMatrix;
import ler.testsupport.ServiceUnderTest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The generated 401/403/2xx matrix over every route review maps (issue 12): every route
 * is the legal team's, and the second approval senior counsel's only. Each example makes
 * its own case in the state its move needs, straight through the service; the approval's
 * proposal is made by another senior counsel ({@value #PROPOSER}) so the standard senior
 * counsel may approve it.
 */
class ReviewRouteMatrixIT extends ReviewOverHttp {

	static final String PROPOSER = SENIOR_B;

	@Autowired
	ApplicationContext context;

	@Autowired
	RouteRules rules;

	@Autowired
	CaseService service;

	UUID shared;

	@TestFactory
	Stream<DynamicTest> everyRouteAnswers401Or403OrSucceedsForItsRoles() {
		Map<String, RouteMatrix.Call> examples = new LinkedHashMap<>();
		examples.put("GET /api/reviews", (c, bearer) -> RouteMatrix.get(c, "/api/reviews", bearer));
		examples.put("GET /api/reviews/{id}", (c, bearer) -> RouteMatrix.get(c, "/api/reviews/" + shared(), bearer));
		examples.put("GET /api/reviews/{id}/history",
				(c, bearer) -> RouteMatrix.get(c, "/api/reviews/" + shared() + "/history", bearer));
		examples.put("POST /api/reviews/{id}/verification",
				(c, bearer) -> move(c, bearer, open("SUBPOENA", "CONSUMER", false), "verification",
						Map.of("verified", true, "reason", "called back")));
		examples.put("POST /api/reviews/{id}/decisions", (c, bearer) -> move(c, bearer,
				open("SUBPOENA", "CONSUMER", true), "decisions", Map.of("decision", "REJECT", "reason", "over-broad")));
		examples.put("POST /api/reviews/{id}/consent", (c, bearer) -> {
			UUID id = open("SEARCH_WARRANT", "ENTERPRISE", true);
			handle(id, new CaseCommand.Decide("SEEK_CUSTOMER_CONSENT", "ask contoso", PROPOSER));
			return move(c, bearer, id, "consent", consent(true, "contoso legal signed"));
		});
		examples.put("POST /api/reviews/{id}/amendments", (c, bearer) -> {
			UUID id = open("SUBPOENA", "CONSUMER", true);
			handle(id, new CaseCommand.Decide("REJECT", "over-broad", PROPOSER));
			return move(c, bearer, id, "amendments", Map.of("decision", "NO_DATA_FOUND", "reason", "narrowed"));
		});
		examples.put("POST /api/reviews/{id}/preservation/extension", (c, bearer) -> {
			UUID id = open("PRESERVATION", "CONSUMER", true);
			handle(id, new CaseCommand.Decide("PRESERVE", "keep for the warrant", PROPOSER));
			return move(c, bearer, id, "preservation/extension", Map.of("reason", "agency asked for more time"));
		});
		examples.put("POST /api/reviews/{id}/approvals", (c, bearer) -> {
			UUID id = open("SEARCH_WARRANT", "CONSUMER", true);
			handle(id, new CaseCommand.Decide("DISCLOSE_CONTENT", "warrant covers mail", PROPOSER));
			return move(c, bearer, id, "approvals", Map.of("approved", true, "reason", "warrant checked"));
		});
		List<RouteMatrix.Rule> table = this.rules.rules()
			.stream()
			.map((r) -> new RouteMatrix.Rule(r.method().name(), r.pattern(),
					r.roles().stream().map(Role::name).collect(Collectors.toSet()), r.open()))
			.toList();
		return RouteMatrix.of(this.context, ServiceUnderTest.client(this.port), table, examples, Set.of());
	}

	private synchronized UUID shared() {
		if (this.shared == null) {
			this.shared = open("SEARCH_WARRANT", "CONSUMER", true);
		}
		return this.shared;
	}

	private UUID open(String process, String customerType, boolean verified) {
		UUID id = UUID.randomUUID();
		Instant received = Instant.parse("2012-08-01T00:00:00Z");
		this.service
			.open(new CaseCommand.Open(id,
					new ReviewCase.Request("Agency", "US", "a@agency.gov", "consumer", customerType,
							"ENTERPRISE".equals(customerType) ? "contoso" : null, process,
							List.of(new ReviewCase.Identifier("EMAIL", id + "@example.com", id + "@example.com")),
							List.of(), null, null, verified, null, received, received.plusSeconds(60))))
			.block(Duration.ofSeconds(10));
		return id;
	}

	private void handle(UUID id, CaseCommand command) {
		this.service.handle(id, command).block(Duration.ofSeconds(10));
	}

	private static WebTestClient.RequestHeadersSpec<?> move(WebTestClient client, String bearer, UUID id, String step,
			Map<String, ?> body) {
		return RouteMatrix.withBearer(client.post()
			.uri("/api/reviews/{id}/" + step, id)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body), bearer);
	}

}
