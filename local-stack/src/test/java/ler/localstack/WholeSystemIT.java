package ler.localstack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as a user runs it: the launcher of the README's first command starts a real
 * broker, the file-backed store, the identity provider and the three packaged services as
 * separate processes; the tests speak HTTP, and Kafka's admin API to check the broker's
 * security. Free ports and a fresh data directory keep it clear of a stack already
 * running.
 */
class WholeSystemIT {

	static final JsonMapper json = JsonMapper.builder().build();

	static LocalStack stack;

	@BeforeAll
	static void start() throws IOException {
		// a preservation lasts seconds here, not 90 days, so the test sees it expire
		stack = TestStack.start("ler-whole-system", Map.of("SPRING_APPLICATION_JSON",
				"{\"ler\":{\"review\":{\"preservation-period\":\"6s\",\"tick-interval\":\"500ms\"}}}"));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	/**
	 * On the secured broker each service logs in as its own principal, passes its topic
	 * check with its ACLs and binds its consumer groups.
	 */
	@Test
	void everyServiceConsumesUnderItsOwnPrincipal() {
		List<String> groups = List.of("intake-request-view", "intake-decision-view", "review-cases",
				"reporting-requests", "reporting-decisions");
		try (Admin admin = admin()) {
			await().atMost(Duration.ofSeconds(90))
				.untilAsserted(
						() -> assertThat(admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values())
							.allSatisfy((group) -> assertThat(group.members()).as(group.groupId()).isNotEmpty()));
		}
	}

	/**
	 * A record no service can read is dead-lettered by reporting under its own principal
	 * (not counted: the replay's figures stay the plan's), and no topic appears beyond
	 * the declared ones.
	 */
	@Test
	void aPoisonRecordIsDeadLetteredByReportingsPrincipal() throws Exception {
		Map<String, Object> client = stack.kafkaAccess().client(stack.settings().kafka(), KafkaAccess.ADMIN);
		TestStack.publishPoison(client);
		try (Admin admin = admin()) {
			await().atMost(Duration.ofSeconds(90))
				.untilAsserted(() -> assertThat(TestStack.records(client, "ler.requests.dlq.reporting")).isPositive());
			List<String> declared = new ArrayList<>(KafkaAccess.EVENT_TOPICS);
			KafkaAccess.DEAD_LETTER_TOPICS.values().forEach(declared::addAll);
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS))
				.containsExactlyInAnyOrderElementsOf(declared);
		}
	}

	private static Admin admin() {
		return Admin.create(stack.kafkaAccess().client(stack.settings().kafka(), KafkaAccess.ADMIN));
	}

	@Test
	void aRequestSubmittedAndDecidedOverHttpLandsInItsBucketAndSurvivesAKilledReportingService() throws Exception {
		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"Metropolitan Police Service","country":"GB","contactEmail":"liaison@met.police.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"someone@example.com"},{"type":"ACCOUNT_ID","value":"4711"}],
				 "receivedAt":"2013-03-14T10:00:00Z"}""");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		assertThat(accepted.headers().firstValue("Location")).contains("/api/requests/" + id);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);
		HttpResponse<String> decided = post("review-service", "/api/reviews/" + id + "/decisions",
				"{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant covers stored email\"}");
		// four eyes: a content disclosure waits for a second person
		assertThat(decided.statusCode()).isEqualTo(202);
		assertThat(json.readTree(decided.body()).get("status").asString()).isEqualTo("AWAITING_APPROVAL");
		assertThat(approve(id, TestStack.replayClient(stack))).as("the proposer cannot approve").isEqualTo(403);
		assertThat(approve(id, TestStack.approverClient(stack))).isEqualTo(201);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode totals = statistics().get("totals");
			assertThat(totals.get("requests").asInt()).isEqualTo(1);
			assertThat(totals.get("identifiers").asInt()).isEqualTo(2);
			assertThat(totals.get("outcomes").get("content").get("count").asInt()).isEqualTo(1);
			assertThat(totals.get("pending").asInt()).isZero();
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json.readTree(get("intake-service", "/api/requests/" + id).body())
				.path("status")
				.asString()
				.equals("DECIDED"));
		JsonNode before = statistics();

		stack.kill("reporting-service");
		stack.startService("reporting-service");
		stack.awaitReady("reporting-service");
		assertThat(statistics()).isEqualTo(before);

		// one more request after the restart is counted once, beside the first
		HttpResponse<String> second = post("intake-service", "/api/requests", """
				{"agency":{"name":"Police nationale","country":"FR","contactEmail":"liaison@interieur.gouv.fr"},
				 "service":"skype","customerType":"CONSUMER","legalProcess":"SUBPOENA",
				 "identifiers":[{"type":"PHONE","value":"+33 1 23 45 67 89"}],
				 "receivedAt":"2013-11-02T08:00:00Z"}""");
		assertThat(second.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(statistics().get("totals").get("requests").asInt()).isEqualTo(2));
		assertThat(statistics().get("totals").get("pending").asInt()).isEqualTo(1);
	}

	@Test
	void anEnterpriseRequestGoesThroughCustomerConsentToDisclosure() throws Exception {
		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"Federal Bureau of Investigation","country":"US","contactEmail":"agent@fbi.gov"},
				 "service":"consumer","customerType":"ENTERPRISE","enterpriseCustomer":"contoso",
				 "legalProcess":"SEARCH_WARRANT","dataCategories":["CONTENT"],
				 "identifiers":[{"type":"EMAIL","value":"cfo@contoso.example"}],
				 "receivedAt":"2011-05-02T09:00:00Z"}""");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);

		assertThat(decide(id, "decisions", "{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant\"}"))
			.isEqualTo(422);
		assertThat(decide(id, "decisions", "{\"decision\":\"SEEK_CUSTOMER_CONSENT\",\"reason\":\"ask contoso first\"}"))
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json.readTree(get("intake-service", "/api/requests/" + id).body())
				.path("status")
				.asString()
				.equals("AWAITING_CONSENT"));
		assertThat(decide(id, "consent", """
				{"granted":true,"reason":"contoso legal signed",
				 "evidence":{"givenBy":"Contoso general counsel","givenAt":"%s","method":"SIGNED_LETTER"}}"""
			.formatted(java.time.Instant.now().minusSeconds(60)))).isEqualTo(201);
		assertThat(decide(id, "decisions", "{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"as consented\"}"))
			.isEqualTo(202);
		assertThat(approve(id, TestStack.approverClient(stack))).isEqualTo(201);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode enterprise = statisticsFor("2011").get("byCustomerType").get(0);
			assertThat(enterprise.get("key").asString()).isEqualTo("ENTERPRISE");
			assertThat(enterprise.get("outcomes").get("content").get("count").asInt()).isEqualTo(1);
			assertThat(enterprise.get("disclosedWithConsent").asInt()).isEqualTo(1);
		});
		JsonNode status = json.readTree(get("intake-service", "/api/requests/" + id).body());
		assertThat(status.path("status").asString()).isEqualTo("DECIDED");
		assertThat(status.path("review").path("decision").path("basis").asString()).isEqualTo("CUSTOMER_CONSENT");
		JsonNode history = json.readTree(get("review-service", "/api/reviews/" + id + "/history").body());
		// received in 2011, the case is past its 30-day deadline: the deadline timer may
		// flag it OVERDUE at any step before the disclosure
		assertThat(history.valueStream()
			.filter((h) -> !h.get("action").asString().equals("FLAGGED"))
			.map((h) -> h.get("action").asString())
			.toList()).containsExactly("REQUEST_RECEIVED", "DECISION_RECORDED", "CUSTOMER_CONSENT_GRANTED",
					"DECISION_PROPOSED", "PROPOSAL_APPROVED", "DECISION_RECORDED");
		assertThat(history.valueStream().filter((h) -> h.get("action").asString().equals("FLAGGED")))
			.allMatch((h) -> h.get("detail").asString().startsWith("OVERDUE"));
		// sealed with the stack's secret (ADR 17), not unkeyed
		assertThat(history.valueStream().map((h) -> h.path("seal").asString()))
			.allMatch((seal) -> seal.matches("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}"));
	}

	@Test
	void aPreservationRequestIsPreservedAndExpires() throws Exception {
		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"National Crime Agency","country":"GB","contactEmail":"duty@nca.gov.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"PRESERVATION",
				 "identifiers":[{"type":"EMAIL","value":"keep@example.com"}],
				 "receivedAt":"2010-02-01T00:00:00Z"}""");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);
		assertThat(decide(id, "decisions", "{\"decision\":\"DISCLOSE_NON_CONTENT\",\"reason\":\"r\"}")).isEqualTo(422);
		assertThat(decide(id, "decisions", "{\"decision\":\"PRESERVE\",\"reason\":\"keep until the warrant\"}"))
			.isEqualTo(201);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> json.readTree(get("intake-service", "/api/requests/" + id).body())
				.path("status")
				.asString()
				.equals("PRESERVATION_EXPIRED"));
		JsonNode history = json.readTree(get("review-service", "/api/reviews/" + id + "/history").body());
		// an OVERDUE flag may come before the decision (received in 2010)
		assertThat(history.valueStream()
			.map((h) -> h.get("action").asString())
			.filter((action) -> !action.equals("FLAGGED"))
			.toList()).containsExactly("REQUEST_RECEIVED", "DECISION_RECORDED", "PRESERVATION_EXPIRED");
		JsonNode totals = statisticsFor("2010").get("totals");
		assertThat(totals.get("preservations").asInt()).isEqualTo(1);
		assertThat(totals.get("requests").asInt()).isZero();
	}

	/**
	 * The 2012 replay at a fiftieth of its size: every figure of the report equals the
	 * plan.
	 */
	@Test
	void theReplayed2012ReportEqualsItsPlanInEveryFigure() throws Exception {
		java.util.List<ler.localstack.replay.Plan2012.Request> plan = ler.localstack.replay.Plan2012.plan(0.02);
		ler.localstack.replay.Replay2012 replay = new ler.localstack.replay.Replay2012(
				stack.settings().url("intake-service"), stack.settings().url("review-service"),
				stack.settings().url("reporting-service"), 8, stack.settings().issuer());
		replay.replay(plan);
		JsonNode report = replay.awaitReport(plan, Duration.ofMinutes(3));
		assertThat(ler.localstack.replay.Expectations.of(plan).compare(report)).isEmpty();
		assertThat(report.get("combined").get("totals").get("requests").asLong()).isEqualTo(plan.size());
		// a second run (as after an interruption) changes nothing
		replay.replay(plan.subList(0, 50));
		assertThat(ler.localstack.replay.Expectations.of(plan).compare(replay.awaitReport(plan, Duration.ofMinutes(1))))
			.isEmpty();
		String csv = replay.get(stack.settings().url("reporting-service") + "/api/reports/transparency?period=2012");
		assertThat(csv).contains("\"entity\":\"skype\"");
		String table = TestStack.countriesCsv(stack);
		assertThat(table).startsWith("period,entity,country_code,country_name,requests")
			.contains("2012,consumer,US,United States,");
	}

	/**
	 * People signed in as the README shows, each doing only what their role and agency
	 * allow: an officer of another agency cannot see the request, an officer without the
	 * permission cannot file an emergency nor file as another country's agency, counsel's
	 * content disclosure waits for a senior counsel, and every step is attributed to the
	 * token's subject.
	 */
	@Test
	void peopleSignedInThroughTheProviderActWithinTheirRoleAndAgency() throws Exception {
		String met = TestStack.person(stack, "liaison.met");
		String fbi = TestStack.person(stack, "liaison.fbi");
		String counsel = TestStack.person(stack, "counsel");
		String seniorA = TestStack.person(stack, "senior.a");
		String executive = TestStack.person(stack, "executive");

		HttpResponse<String> accepted = TestStack.post(stack, "intake-service", "/api/requests", """
				{"agency":{"name":"Metropolitan Police Service","country":"GB","contactEmail":"liaison@met.police.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"people-test@example.com"}],
				 "receivedAt":"2014-06-02T10:00:00Z"}""", met);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		assertThat(TestStack.get(stack, "intake-service", "/api/requests/" + id, met).statusCode()).isEqualTo(200);
		HttpResponse<String> otherAgency = TestStack.get(stack, "intake-service", "/api/requests/" + id, fbi);
		HttpResponse<String> nowhere = TestStack.get(stack, "intake-service",
				"/api/requests/00000000-0000-4000-8000-000000000000", fbi);
		assertThat(otherAgency.statusCode()).isEqualTo(404);
		assertThat(json.readTree(otherAgency.body()).get("title"))
			.isEqualTo(json.readTree(nowhere.body()).get("title"));
		assertThat(TestStack
			.post(stack, "intake-service", "/api/requests/" + id + "/withdrawal", "{\"reason\":\"not ours\"}", fbi)
			.statusCode()).isEqualTo(404);
		assertThat(TestStack.post(stack, "intake-service", "/api/requests", """
				{"agency":{"name":"Federal Bureau of Investigation","country":"US","contactEmail":"liaison@fbi.gov"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"EMERGENCY",
				 "emergencyJustification":"imminent danger to life",
				 "identifiers":[{"type":"EMAIL","value":"people-test-2@example.com"}]}""", fbi).statusCode())
			.as("liaison.fbi may not file emergencies")
			.isEqualTo(403);
		assertThat(TestStack.post(stack, "intake-service", "/api/requests", """
				{"agency":{"name":"Bundeskriminalamt","country":"DE","contactEmail":"x@bka.bund.de"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"people-test-3@example.com"}]}""", fbi).statusCode())
			.as("an FBI officer cannot file as a German agency")
			.isEqualTo(403);
		HttpResponse<String> otherName = TestStack.post(stack, "intake-service", "/api/requests", """
				{"agency":{"name":"National Crime Agency","country":"GB","contactEmail":"duty@nca.gov.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"people-test-4@example.com"}]}""", met);
		assertThat(otherName.statusCode()).as("a Met officer cannot file as another British agency").isEqualTo(403);
		assertThat(json.readTree(otherName.body()).get("errors").valueStream().map((e) -> e.get("field").asString()))
			.containsExactly("agency.name", "agency.contactEmail");
		assertThat(TestStack.get(stack, "intake-service", "/api/requests/" + id, executive).statusCode())
			.as("executives never see identifiers")
			.isEqualTo(403);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> TestStack.get(stack, "review-service", "/api/reviews/" + id, counsel).statusCode() == 200);
		assertThat(TestStack
			.post(stack, "review-service", "/api/reviews/" + id + "/decisions",
					"{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant covers stored email\"}", counsel)
			.statusCode()).isEqualTo(202);
		String approval = "{\"approved\":true,\"reason\":\"warrant checked\"}";
		assertThat(TestStack.post(stack, "review-service", "/api/reviews/" + id + "/approvals", approval, counsel)
			.statusCode()).as("counsel is not senior counsel").isEqualTo(403);
		assertThat(TestStack.post(stack, "review-service", "/api/reviews/" + id + "/approvals", approval, seniorA)
			.statusCode()).isEqualTo(201);
		String history = TestStack.get(stack, "review-service", "/api/reviews/" + id + "/history", counsel).body();
		// the demo accounts' opaque ids (seed/accounts.json): counsel proposed, senior.a
		// approved
		assertThat(history).contains("8d3c9e15-4f6a-4b7c-8d9e-0f1a2b3c4d5e")
			.contains("9e4d0f26-5a7b-4c8d-9e0f-1a2b3c4d5e6f");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json.readTree(TestStack.get(stack, "intake-service", "/api/requests/" + id, met).body())
				.path("status")
				.asString()
				.equals("DECIDED"));
		assertThat(TestStack.get(stack, "reporting-service", "/api/statistics?period=2014", executive).statusCode())
			.isEqualTo(200);
	}

	/**
	 * Every service refuses a caller without a token, and a token without the route's
	 * role.
	 */
	@Test
	void everyServiceRefusesAnonymousCallersAndWrongRoles() throws Exception {
		for (String service : LocalStack.SERVICES) {
			HttpResponse<String> anonymous = TestStack.get(stack, service, "/actuator/prometheus", null);
			assertThat(anonymous.statusCode()).as(service).isEqualTo(401);
			assertThat(anonymous.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(TestStack.get(stack, service, "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		}
		String seniorCounselOnly = TestStack.approverClient(stack).authorization();
		assertThat(TestStack.post(stack, "intake-service", "/api/requests", "{}", seniorCounselOnly).statusCode())
			.as("senior counsel does not submit requests")
			.isEqualTo(403);
		assertThat(TestStack.get(stack, "reporting-service", "/api/statistics?period=2013", seniorCounselOnly)
			.statusCode()).as("counsel does not read the executives' figures").isEqualTo(403);
		assertThat(TestStack.get(stack, "review-service", "/api/reviews", "Bearer not-a-token").statusCode())
			.isEqualTo(401);
	}

	private static int approve(String id, ler.localstack.auth.ClientCredentials client) throws Exception {
		return TestStack
			.post(stack, "review-service", "/api/reviews/" + id + "/approvals",
					"{\"approved\":true,\"reason\":\"second pair of eyes\"}", client.authorization())
			.statusCode();
	}

	private static int decide(String id, String step, String body) throws Exception {
		return post("review-service", "/api/reviews/" + id + "/" + step, body).statusCode();
	}

	private static JsonNode statisticsFor(String period) throws Exception {
		return json.readTree(get("reporting-service", "/api/statistics?period=" + period).body());
	}

	private static JsonNode statistics() throws Exception {
		return json.readTree(get("reporting-service", "/api/statistics?period=2013").body());
	}

	private static HttpResponse<String> get(String service, String path) throws Exception {
		return TestStack.get(stack, service, path);
	}

	private static HttpResponse<String> post(String service, String path, String body) throws Exception {
		return TestStack.post(stack, service, path, body);
	}

}
