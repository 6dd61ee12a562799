package ler.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ler.identity.SignInClient.Tokens;
import ler.identity.totp.Base32;
import ler.identity.totp.Totp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider over real HTTP on a random port, as a client, a browser and an admin meet
 * it: discovery and keys, client credentials, the code + PKCE flow through the password
 * and TOTP forms, refusals, lock-out, the admin API. Tokens are checked the way a
 * resource server will check them: against the published JWKS.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ler.identity.issuer=" + IdentityHttpTest.ISSUER,
				"ler.identity.seed.accounts=classpath:seed/accounts.json,classpath:seed/test-accounts.json",
				"ler.identity.mongodb.uri=" })
class IdentityHttpTest {

	static final String ISSUER = "http://identity.test";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static String adminToken;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) throws IOException {
		Path dir = Files.createTempDirectory("identity-test");
		registry.add("ler.identity.data-dir", dir::toString);
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	@Test
	void publishesDiscoveryDocumentAndSigningKeys() throws Exception {
		JsonNode discovery = json(get("/.well-known/openid-configuration", null));
		assertThat(discovery.get("issuer").asString()).isEqualTo(ISSUER);
		assertThat(discovery.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
		assertThat(discovery.get("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
		assertThat(discovery.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
		assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
		assertThat(discovery.get("grant_types_supported").toString()).contains("authorization_code",
				"client_credentials");

		JsonNode keys = json(get("/oauth2/jwks", null)).get("keys");
		assertThat(keys.size()).isEqualTo(1);
		assertThat(keys.get(0).get("kty").asString()).isEqualTo("RSA");
		assertThat(keys.get(0).get("kid").asString()).isNotBlank();
		assertThat(keys.get(0).has("d")).as("no private part published").isFalse();
	}

	@Test
	void clientCredentialsTokenCarriesTheClientsRolesAndVerifiesAgainstTheJwks() {
		String token = new SignInClient(base()).clientToken("ler-replay", "replay-demo-secret");

		Jwt jwt = decoder().decode(token);
		assertThat(jwt.getSubject()).isEqualTo("ler-replay");
		assertThat(jwt.getClaimAsStringList("roles")).containsExactlyInAnyOrder("LIAISON", "COUNSEL", "EXECUTIVE",
				"OPERATOR");
		assertThat(jwt.getClaimAsString("agency_id")).isEqualTo("6f1c3e0a-6b1d-4a53-9d2b-2c6f1c9f0a01");
		assertThat(jwt.getClaimAsBoolean("may_file_emergency")).isTrue();
		assertThat(jwt.getExpiresAt()).isAfter(Instant.now());

		Jwt operator = decoder().decode(new SignInClient(base()).clientToken("ler-operator", "operator-demo-secret"));
		assertThat(operator.getClaimAsStringList("roles")).containsExactly("OPERATOR");
		assertThat(operator.hasClaim("agency_id")).isFalse();
	}

	@Test
	void theReplaysApproverIsASecondSubjectWithSeniorCounselOnly() {
		Jwt approver = decoder()
			.decode(new SignInClient(base()).clientToken("ler-replay-approver", "replay-approver-demo-secret"));
		assertThat(approver.getSubject()).isEqualTo("ler-replay-approver");
		assertThat(approver.getClaimAsStringList("roles")).containsExactly("SENIOR_COUNSEL");
		assertThat(approver.hasClaim("agency_id")).isFalse();
		assertThat(approver.getClaimAsString("token_use")).isEqualTo("access");
		// ler-replay keeps its own roles: it proposes, the approver approves
		Jwt replay = decoder().decode(new SignInClient(base()).clientToken("ler-replay", "replay-demo-secret"));
		assertThat(replay.getClaimAsStringList("roles")).doesNotContain("SENIOR_COUNSEL");
	}

	@Test
	void refusesAClientWithTheWrongSecret() throws Exception {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization",
					"Basic " + java.util.Base64.getEncoder().encodeToString("ler-replay:wrong".getBytes()))
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(answer.statusCode()).isEqualTo(401);
	}

	@Test
	void counselSignsInWithPasswordAndTotpThroughCodeAndPkce() {
		SignInClient browser = new SignInClient(base());
		Tokens tokens = browser.signIn(Person.COUNSEL).orElseThrow(() -> new AssertionError(browser.stoppedAt()));

		Jwt access = decoder().decode(tokens.accessToken());
		assertThat(access.getSubject()).isEqualTo(Person.COUNSEL.id());
		assertThat(access.getClaimAsStringList("roles")).containsExactly("COUNSEL");
		assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp");
		assertThat(access.hasClaim("preferred_username")).as("what a person types stays out of access tokens")
			.isFalse();
		assertThat(access.hasClaim("agency_id")).isFalse();
		assertThat(access.getAudience()).containsExactly("ler-cli");

		Jwt id = decoder().decode(tokens.idToken());
		assertThat(id.getSubject()).isEqualTo(Person.COUNSEL.id());
		assertThat(id.getClaimAsString("preferred_username")).isEqualTo("counsel");
	}

	@Test
	void officersTokenNamesTheirAgencyAndEmergencyPermission() {
		SignInClient browser = new SignInClient(base());
		Tokens tokens = browser.signIn(Person.LIAISON_MET).orElseThrow(() -> new AssertionError(browser.stoppedAt()));

		Jwt access = decoder().decode(tokens.accessToken());
		assertThat(access.getClaimAsStringList("roles")).containsExactly("LIAISON");
		assertThat(access.getClaimAsString("agency_id")).isEqualTo("6f1c3e0a-6b1d-4a53-9d2b-2c6f1c9f0a01");
		assertThat(access.getClaimAsString("agency_country")).as("the register's country of the agency")
			.isEqualTo("GB");
		assertThat(access.getClaimAsString("agency_name")).as("the register's name of the agency")
			.isEqualTo("Metropolitan Police Service");
		assertThat(access.getClaimAsStringList("agency_email_domains")).as("the register's email domains")
			.containsExactly("met.police.uk");
		assertThat(access.getClaimAsBoolean("may_file_emergency")).isTrue();
		assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd", "otp");
	}

	@Test
	void executiveWithoutASecondFactorSignsInWithThePasswordAlone() {
		SignInClient browser = new SignInClient(base());
		Tokens tokens = browser.signIn(Person.EXECUTIVE).orElseThrow(() -> new AssertionError(browser.stoppedAt()));

		Jwt access = decoder().decode(tokens.accessToken());
		assertThat(access.getClaimAsStringList("roles")).containsExactly("EXECUTIVE");
		assertThat(access.getClaimAsStringList("amr")).containsExactly("pwd");
	}

	@Test
	void refusesAWrongTotpCodeAndIssuesNoCode() {
		SignInClient browser = new SignInClient(base());
		Optional<Tokens> tokens = browser.signIn(Person.TEST_TOTP, Person.TEST_TOTP.password(),
				wrongCode(Person.TEST_TOTP));

		assertThat(tokens).isEmpty();
		assertThat(browser.stoppedAt()).endsWith("/login/totp?error");
		assertThat(browser.authorizeAgain()).as("a password alone gets no authorization code").isEqualTo("/login/totp");
	}

	@Test
	void locksAnAccountOutAfterFiveWrongPasswords() throws Exception {
		SignInClient browser = new SignInClient(base());
		for (int attempt = 0; attempt < 5; attempt++) {
			assertThat(browser.passwordStep(Person.TEST_LOCKOUT, "wrong-" + attempt)).isEqualTo("/login?error");
		}

		assertThat(browser.passwordStep(Person.TEST_LOCKOUT, Person.TEST_LOCKOUT.password()))
			.as("the right password is refused while locked")
			.isEqualTo("/login?error");
		JsonNode account = json(get("/api/admin/accounts/" + Person.TEST_LOCKOUT.id(), adminToken()));
		assertThat(Instant.parse(account.get("lockedUntil").asString())).isAfter(Instant.now().plusSeconds(14 * 60));
	}

	@Test
	void refusesSuspendedAndPendingAccountsAtThePassword() {
		SignInClient browser = new SignInClient(base());
		assertThat(browser.passwordStep(Person.OFFICER_SUSPENDED, Person.OFFICER_SUSPENDED.password()))
			.isEqualTo("/login?error");
		assertThat(browser.passwordStep(Person.OFFICER_PENDING, Person.OFFICER_PENDING.password()))
			.isEqualTo("/login?error");
		assertThat(browser.signIn(Person.OFFICER_PENDING)).isEmpty();
	}

	@Test
	void adminVerifiesAPendingOfficerWhoCanThenSignIn() throws Exception {
		assertThat(new SignInClient(base()).signIn(Person.TEST_NEWCOMER)).isEmpty();
		JsonNode pending = json(get("/api/admin/accounts?status=PENDING", adminToken()));
		JsonNode newcomer = find(pending, Person.TEST_NEWCOMER.id());
		assertThat(newcomer.get("prescreen").asString()).isEqualTo("AGENCY_DOMAIN");
		assertThat(newcomer.get("agencyName").asString()).isEqualTo("Metropolitan Police Service");

		HttpResponse<String> verified = post("/api/admin/accounts/" + Person.TEST_NEWCOMER.id() + "/verification", "",
				adminToken());
		assertThat(verified.statusCode()).isEqualTo(200);
		assertThat(json(verified).get("status").asString()).isEqualTo("VERIFIED");
		assertThat(json(verified).get("statusChangedBy").asString()).isEqualTo(Person.ADMIN.id());
		HttpResponse<String> again = post("/api/admin/accounts/" + Person.TEST_NEWCOMER.id() + "/verification", "",
				adminToken());
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(again.headers().firstValue("Content-Type")).hasValue("application/problem+json");

		SignInClient browser = new SignInClient(base());
		Tokens tokens = browser.signIn(Person.TEST_NEWCOMER).orElseThrow(() -> new AssertionError(browser.stoppedAt()));
		Jwt access = decoder().decode(tokens.accessToken());
		assertThat(access.getClaimAsStringList("roles")).containsExactly("LIAISON");
		assertThat(access.getClaimAsBoolean("may_file_emergency")).isFalse();
	}

	@Test
	void adminApiAnswers401WithoutATokenAnd403ForAnotherRoleAsProblemJson() throws Exception {
		HttpResponse<String> anonymous = get("/api/admin/accounts", null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(anonymous.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");

		HttpResponse<String> forged = get("/api/admin/accounts", "not.a.token");
		assertThat(forged.statusCode()).isEqualTo(401);

		String replay = new SignInClient(base()).clientToken("ler-replay", "replay-demo-secret");
		HttpResponse<String> wrongRole = get("/api/admin/accounts", replay);
		assertThat(wrongRole.statusCode()).isEqualTo(403);
		assertThat(wrongRole.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(json(wrongRole).get("status").asInt()).isEqualTo(403);

		assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
		assertThat(get("/actuator/prometheus", replay).statusCode()).isEqualTo(200);
		assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void adminRegistersAnAgencyAndBadInputIsNamed() throws Exception {
		HttpResponse<String> created = post("/api/admin/agencies",
				"{\"name\":\"Garda Siochana\",\"country\":\"IE\",\"type\":\"POLICE\",\"emailDomains\":[\"garda.ie\"]}",
				adminToken());
		assertThat(created.statusCode()).isEqualTo(201);
		String id = json(created).get("id").asString();
		assertThat(find(json(get("/api/admin/agencies", adminToken())), id).get("status").asString())
			.isEqualTo("ACTIVE");

		HttpResponse<String> bad = post("/api/admin/agencies", "{\"name\":\"\",\"country\":\"XX\",\"type\":null}",
				adminToken());
		assertThat(bad.statusCode()).isEqualTo(400);
		assertThat(bad.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(bad.body()).contains("\"field\":\"country\"", "iso-3166-1-alpha-2", "\"field\":\"name\"",
				"\"field\":\"type\"");

		for (String twiceOrMistyped : new String[] { "{\"name\":\"A\\ud800\",\"country\":\"GB\",\"type\":\"POLICE\"}",
				"{\"name\":\"A\\u0000\\u001b[31mB\",\"country\":\"GB\",\"type\":\"POLICE\"}",
				"{\"name\":\"\\u202eecilop\",\"country\":\"GB\",\"type\":\"POLICE\"}",
				"{\"name\":\"Test\",\"name\":\"Other\",\"country\":\"IE\",\"type\":\"POLICE\"}",
				"{\"name\":12345,\"country\":\"IE\",\"type\":\"POLICE\"}" }) {
			HttpResponse<String> refused = post("/api/admin/agencies", twiceOrMistyped, adminToken());
			assertThat(refused.statusCode()).as(twiceOrMistyped).isEqualTo(400);
			assertThat(refused.body()).contains("\"field\":\"name\"");
		}
		assertThat(json(get("/api/admin/agencies", adminToken())).toString()).doesNotContain("\"Other\"", "\"12345\"");

		// the domains restrict the contact address intake takes: none, or a public mail
		// service, would let any address through
		HttpResponse<String> noDomain = post("/api/admin/agencies",
				"{\"name\":\"An Garda\",\"country\":\"IE\",\"type\":\"POLICE\"}", adminToken());
		assertThat(noDomain.statusCode()).isEqualTo(400);
		assertThat(noDomain.body()).contains("\"field\":\"emailDomains\"", "min-items");
		HttpResponse<String> webmail = post("/api/admin/agencies",
				"{\"name\":\"An Garda\",\"country\":\"IE\",\"type\":\"POLICE\",\"emailDomains\":[\"garda.ie\",\"gmail.com\",\"mail.yahoo.com\"]}",
				adminToken());
		assertThat(webmail.statusCode()).isEqualTo(400);
		assertThat(webmail.body())
			.contains("\"field\":\"emailDomains[1]\"", "\"field\":\"emailDomains[2]\"", "not-webmail")
			.doesNotContain("emailDomains[0]");
		assertThat(json(get("/api/admin/agencies", adminToken())).toString()).doesNotContain("An Garda");

		HttpResponse<String> notAnOfficer = put("/api/admin/accounts/" + Person.COUNSEL.id() + "/emergency-permission",
				"{\"mayFileEmergency\":true}", adminToken());
		assertThat(notAnOfficer.statusCode()).isEqualTo(422);
	}

	/** A code that is none of the three the window accepts now. */
	private static String wrongCode(Person person) {
		byte[] secret = Base32.decode(person.totpSecret());
		long step = Totp.step(Instant.now());
		List<String> right = List.of(Totp.code(secret, step - 1, 6), Totp.code(secret, step, 6),
				Totp.code(secret, step + 1, 6), Totp.code(secret, step + 2, 6));
		for (int candidate = 0;; candidate++) {
			String code = String.format("%06d", candidate);
			if (!right.contains(code)) {
				return code;
			}
		}
	}

	private static JsonNode find(JsonNode array, String id) {
		for (JsonNode node : array) {
			if (id.equals(node.get("id").asString())) {
				return node;
			}
		}
		throw new AssertionError("not listed");
	}

	/** One admin sign-in for the whole class: a TOTP code is accepted once. */
	private synchronized String adminToken() {
		if (adminToken == null) {
			SignInClient browser = new SignInClient(base());
			adminToken = browser.signIn(Person.ADMIN)
				.orElseThrow(() -> new AssertionError(browser.stoppedAt()))
				.accessToken();
		}
		return adminToken;
	}

	private NimbusJwtDecoder decoder() {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(base() + "/oauth2/jwks").build();
		decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(ISSUER));
		return decoder;
	}

	private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(base() + path)).GET(), token);
	}

	private HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)), token);
	}

	private HttpResponse<String> put(String path, String body, String token) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(base() + path))
			.header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(body)), token);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, String token)
			throws IOException, InterruptedException {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return this.http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode json(HttpResponse<String> answer) {
		return JSON.readTree(answer.body());
	}

}
