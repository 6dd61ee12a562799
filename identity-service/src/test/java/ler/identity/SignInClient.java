package ler.identity;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ler.identity.totp.Base32;
import ler.identity.totp.Totp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A person's browser, as far as the provider can tell: a cookie jar, no automatic
 * redirects (each step is visible), the CSRF token read from each form. Drives the
 * authorization-code + PKCE flow of {@code ler-cli} through the password and TOTP forms
 * over real HTTP.
 */
final class SignInClient {

	static final String REDIRECT_URI = "http://127.0.0.1:54321/callback";

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String base;

	private final HttpClient http;

	/** The last authorization request sent. */
	private String authorizationRequest;

	/** Where the last step ended when it did not reach the client's redirect URI. */
	private String stoppedAt;

	SignInClient(String base) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** The tokens of a completed sign-in. */
	record Tokens(String accessToken, String idToken) {
	}

	/**
	 * Signs {@code person} in with their password and, when asked, the TOTP code of now
	 * (or of the next step when now's was used already), and exchanges the code for
	 * tokens; empty when the provider refused (then {@link #stoppedAt()} says where).
	 */
	Optional<Tokens> signIn(Person person) {
		return signIn(person, person.password(), null);
	}

	/**
	 * As {@link #signIn(Person)} with the password given and, if not null, the TOTP code
	 * given instead of a right one.
	 */
	Optional<Tokens> signIn(Person person, String password, String totpCode) {
		String verifier = random();
		String state = random();
		this.authorizationRequest = this.base + "/oauth2/authorize?response_type=code&client_id=ler-cli"
				+ "&redirect_uri=" + encode(REDIRECT_URI) + "&scope=" + encode("openid profile") + "&state=" + state
				+ "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256";
		HttpResponse<String> answer = follow(get(this.authorizationRequest));
		if (!path(answer).equals("/login")) {
			return stop(answer);
		}
		answer = follow(post("/login",
				Map.of("username", person.username(), "password", password, "_csrf", csrf(answer.body()))));
		if (path(answer).equals("/login/totp")) {
			String code = (totpCode != null) ? totpCode : freshCode(person);
			answer = follow(post("/login/totp", Map.of("code", code, "_csrf", csrf(answer.body()))));
		}
		String location = answer.headers().firstValue("Location").orElse("");
		if (!location.startsWith(REDIRECT_URI)) {
			return stop(answer);
		}
		Map<String, String> query = query(URI.create(location).getRawQuery());
		if (!state.equals(query.get("state")) || !query.containsKey("code")) {
			return stop(answer);
		}
		HttpResponse<String> tokens = postForm(this.base + "/oauth2/token",
				Map.of("grant_type", "authorization_code", "code", query.get("code"), "redirect_uri", REDIRECT_URI,
						"client_id", "ler-cli", "code_verifier", verifier),
				null);
		if (tokens.statusCode() != 200) {
			return stop(tokens);
		}
		JsonNode body = JSON.readTree(tokens.body());
		return Optional.of(new Tokens(body.get("access_token").asString(), body.get("id_token").asString()));
	}

	/**
	 * Signs in with only the password step and reports the path the provider sent the
	 * browser to afterwards (e.g. {@code /login} with {@code error} for a refusal).
	 */
	String passwordStep(Person person, String password) {
		HttpResponse<String> login = get(this.base + "/login");
		HttpResponse<String> answer = post("/login",
				Map.of("username", person.username(), "password", password, "_csrf", csrf(login.body())));
		return answer.headers()
			.firstValue("Location")
			.map((l) -> URI.create(l).getPath()
					+ ((URI.create(l).getQuery() != null) ? "?" + URI.create(l).getQuery() : ""))
			.orElse("");
	}

	/** A client-credentials access token. */
	String clientToken(String clientId, String secret) {
		HttpResponse<String> answer = postForm(this.base + "/oauth2/token", Map.of("grant_type", "client_credentials"),
				clientId + ":" + secret);
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("token endpoint answered " + answer.statusCode() + ": " + answer.body());
		}
		return JSON.readTree(answer.body()).get("access_token").asString();
	}

	/**
	 * Sends the last authorization request again in the same session and says where the
	 * provider sends the browser: the path of a page, or the redirect away from it.
	 */
	String authorizeAgain() {
		HttpResponse<String> answer = follow(get(this.authorizationRequest));
		return answer.headers().firstValue("Location").orElse(answer.uri().getPath());
	}

	String stoppedAt() {
		return this.stoppedAt;
	}

	/** The code of a step not used yet: a code is accepted once (ADR 9). */
	private static String freshCode(Person person) {
		byte[] secret = Base32.decode(person.totpSecret());
		long step = Totp.step(Instant.now());
		long last = LAST_STEP.getOrDefault(person.id(), Long.MIN_VALUE);
		long use = Math.max(step, last + 1);
		if (use > step + Totp.WINDOW) {
			throw new IllegalStateException("test signs " + person.username() + " in more than twice in 30 s");
		}
		LAST_STEP.put(person.id(), use);
		return Totp.code(secret, use, Totp.DIGITS);
	}

	private static final Map<String, Long> LAST_STEP = new java.util.concurrent.ConcurrentHashMap<>();

	private Optional<Tokens> stop(HttpResponse<String> answer) {
		String query = (answer.uri().getRawQuery() != null) ? "?" + answer.uri().getRawQuery() : "";
		this.stoppedAt = answer.statusCode() + " "
				+ answer.headers().firstValue("Location").orElse(answer.uri().getPath() + query);
		return Optional.empty();
	}

	/** Follows redirects within the provider; stops at a page or at a redirect away. */
	private HttpResponse<String> follow(HttpResponse<String> answer) {
		for (int hops = 0; hops < 10; hops++) {
			Optional<String> location = answer.headers().firstValue("Location");
			if (answer.statusCode() / 100 != 3 || location.isEmpty()) {
				return answer;
			}
			URI next = answer.uri().resolve(location.get());
			if (!next.toString().startsWith(this.base)) {
				return answer;
			}
			answer = get(next.toString());
		}
		throw new IllegalStateException("redirect loop");
	}

	private static String path(HttpResponse<String> answer) {
		return answer.uri().getPath();
	}

	private HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
	}

	private HttpResponse<String> post(String path, Map<String, String> form) {
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "text/html")
			.POST(HttpRequest.BodyPublishers.ofString(form(form))));
	}

	private HttpResponse<String> postForm(String url, Map<String, String> form, String basic) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		if (basic != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String csrf(String html) {
		Matcher matcher = CSRF.matcher(html);
		if (!matcher.find()) {
			throw new IllegalStateException("no CSRF token in the form");
		}
		return matcher.group(1);
	}

	private static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	private static Map<String, String> query(String raw) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String pair : (raw == null) ? new String[0] : raw.split("&")) {
			int eq = pair.indexOf('=');
			values.put(URLDecoder.decode((eq < 0) ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
					(eq < 0) ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
		}
		return values;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	private static String random() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challenge(String verifier) {
		try {
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(
						MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
