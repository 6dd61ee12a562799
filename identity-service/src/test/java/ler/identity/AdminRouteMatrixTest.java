package ler.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 401/403 matrix of the admin API, generated from the routes the application actually
 * maps, so a new admin route without a rule fails it: every route answers 401
 * problem+json without a token, with a token signed by another key and with an expired
 * token of the provider's own key; 403 problem+json for every role but ADMIN (a program
 * with LIAISON, COUNSEL, EXECUTIVE and OPERATOR, an operator program, an executive
 * person); and neither for an admin.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ler.identity.issuer=" + AdminRouteMatrixTest.ISSUER,
				"ler.identity.seed.accounts=classpath:seed/accounts.json,classpath:seed/test-accounts.json",
				"ler.identity.mongodb.uri=" })
class AdminRouteMatrixTest {

	static final String ISSUER = "http://identity.test";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static Path dataDir;

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDir(DynamicPropertyRegistry registry) throws IOException {
		dataDir = Files.createTempDirectory("identity-matrix");
		registry.add("ler.identity.data-dir", dataDir::toString);
	}

	@Test
	void everyAdminRouteRefusesWhoMayNotUseIt() throws Exception {
		List<Route> routes = adminRoutes();
		// the admin API as built: agencies (list, one, create), accounts (list, one,
		// verify, suspend, unlock, emergency permission)
		assertThat(routes).hasSizeGreaterThanOrEqualTo(9);
		SignInClient client = new SignInClient(base());
		Map<String, String> wrongRoles = new LinkedHashMap<>();
		wrongRoles.put("ler-replay (LIAISON, COUNSEL, EXECUTIVE, OPERATOR)",
				client.clientToken("ler-replay", "replay-demo-secret"));
		wrongRoles.put("ler-operator (OPERATOR)", client.clientToken("ler-operator", "operator-demo-secret"));
		wrongRoles.put("executive (EXECUTIVE)",
				new SignInClient(base()).signIn(Person.EXECUTIVE).orElseThrow().accessToken());
		SignInClient.Tokens adminTokens = new SignInClient(base()).signIn(Person.ADMIN).orElseThrow();
		String admin = adminTokens.accessToken();
		Map<String, String> invalid = Map.of("no token", "", "a token signed by another key", foreignToken(),
				"an expired token of the provider's own key", expiredToken(), "not a JWT", "not.a.token",
				"the admin's ID token", adminTokens.idToken(), "an admin token of its own key without an expiry",
				ownKeyToken(null));

		List<String> wrong = new ArrayList<>();
		for (Route route : routes) {
			invalid.forEach((what, token) -> expect(wrong, route, what, token, 401));
			wrongRoles.forEach((who, token) -> expect(wrong, route, who, token, 403));
			HttpResponse<String> allowed = send(route, admin);
			if (allowed.statusCode() == 401 || allowed.statusCode() == 403 || allowed.statusCode() >= 500) {
				wrong.add(route + " as admin: " + allowed.statusCode());
			}
		}
		assertThat(wrong).isEmpty();
	}

	private void expect(List<String> wrong, Route route, String who, String token, int status) {
		HttpResponse<String> answer = send(route, token.isEmpty() ? null : token);
		String type = answer.headers().firstValue("Content-Type").orElse("");
		if (answer.statusCode() != status || !type.startsWith("application/problem+json")) {
			wrong.add(route + " with " + who + ": " + answer.statusCode() + " " + type);
		}
	}

	/** Every route under /api/admin, path variables filled with a fresh id. */
	private List<Route> adminRoutes() {
		List<Route> routes = new ArrayList<>();
		this.mappings.getHandlerMethods().keySet().forEach((info) -> {
			for (String pattern : info.getPatternValues()) {
				if (!pattern.startsWith("/api/admin")) {
					continue;
				}
				String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
				for (RequestMethod method : info.getMethodsCondition().getMethods()) {
					routes.add(new Route(method.name(), path));
				}
			}
		});
		return routes;
	}

	private HttpResponse<String> send(Route route, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + route.path()))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/json")
			.method(route.method(), route.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofString("{}"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** An admin's claims, signed by a key the provider never published. */
	private static String foreignToken() throws JOSEException {
		return sign(adminClaims(Instant.now().plusSeconds(600)),
				new RSASSASigner(new RSAKeyGenerator(2048).generate().toPrivateKey()), "foreign");
	}

	/** An admin's claims, signed by the provider's own key, expired an hour ago. */
	private String expiredToken() throws Exception {
		return ownKeyToken(Instant.now().minusSeconds(3600));
	}

	/** An admin access token's claims signed by the provider's own key, expiring then. */
	private String ownKeyToken(Instant expiry) throws Exception {
		String pem = Files.readString(dataDir.resolve("signing-key.pem"))
			.replaceAll("-----[A-Z ]+-----", "")
			.replaceAll("\\s", "");
		PrivateKey key = KeyFactory.getInstance("RSA")
			.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
		String keyId = JSON
			.readTree(
					this.http
						.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/jwks")).build(),
								HttpResponse.BodyHandlers.ofString())
						.body())
			.get("keys")
			.get(0)
			.get("kid")
			.asString();
		return sign(adminClaims(expiry), new RSASSASigner(key), keyId);
	}

	private static JWTClaimsSet adminClaims(Instant expiry) {
		Instant issued = (expiry != null) ? expiry.minusSeconds(900) : Instant.now();
		return new JWTClaimsSet.Builder().issuer(ISSUER)
			.subject(Person.ADMIN.id())
			.claim("roles", List.of("ADMIN"))
			.claim("amr", List.of("pwd", "otp"))
			.claim("token_use", "access")
			.issueTime(Date.from(issued))
			.expirationTime((expiry != null) ? Date.from(expiry) : null)
			.build();
	}

	private static String sign(JWTClaimsSet claims, RSASSASigner signer, String keyId) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
		jwt.sign(signer);
		return jwt.serialize();
	}

	private String base() {
		return "http://localhost:" + this.port;
	}

	record Route(String method, String path) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

}
