package ler.localstack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token of a confidential client from the provider's token endpoint
 * ({@code POST <issuer>/oauth2/token}, {@code grant_type=client_credentials}, HTTP Basic
 * client authentication; RFC 6749 §4.4), kept until 30 s before it expires and then
 * fetched again. Safe to share between threads.
 */
public final class ClientCredentials {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI tokenEndpoint;

	private final String basic;

	private String token;

	private Instant renewAt = Instant.MIN;

	/**
	 * @param issuer the provider's issuer, e.g. {@code http://localhost:9000}
	 * @param clientId e.g. {@code ler-replay}
	 * @param secret the client's secret
	 */
	public ClientCredentials(String issuer, String clientId, String secret) {
		this.tokenEndpoint = URI.create(issuer.replaceAll("/$", "") + "/oauth2/token");
		this.basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The client's secret from the environment variable, or the local stack's demo
	 * secret.
	 */
	public static String secret(String variable, String demoSecret) {
		String value = System.getenv(variable);
		return (value == null || value.isBlank()) ? demoSecret : value;
	}

	/** {@code Bearer <token>}, for an {@code Authorization} header. */
	public String authorization() {
		return "Bearer " + token();
	}

	/**
	 * A valid access token.
	 * @throws IllegalStateException when the provider refuses the client (wrong secret)
	 * @throws UncheckedIOException when the provider cannot be reached
	 */
	public synchronized String token() {
		if (this.token != null && Instant.now().isBefore(this.renewAt)) {
			return this.token;
		}
		try {
			HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(this.tokenEndpoint)
				.header("Authorization", "Basic " + this.basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() != 200) {
				throw new IllegalStateException(
						"The provider refused the client (" + answer.statusCode() + "): " + answer.body());
			}
			JsonNode body = JSON.readTree(answer.body());
			this.token = body.get("access_token").asString();
			this.renewAt = Instant.now().plusSeconds(Math.max(1, body.path("expires_in").asLong(60) - 30));
			return this.token;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
