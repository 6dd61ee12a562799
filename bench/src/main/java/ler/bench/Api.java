package ler.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import ler.localstack.LocalStack;
import ler.localstack.auth.ClientCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stack's HTTP APIs as the benchmark calls them, with the {@code ler-replay} client's
 * token (LIAISON of the Metropolitan Police demo agency, COUNSEL, EXECUTIVE, OPERATOR).
 */
final class Api {

	static final JsonMapper json = JsonMapper.builder().build();

	/** One intake submission's body: ~the size of a real one, one e-mail identifier. */
	private static final String BODY = """
			{"agency":{"name":"Metropolitan Police Service","country":"GB","contactEmail":"liaison@police.uk"},\
			"service":"consumer","customerType":"CONSUMER","legalProcess":"SUBPOENA",\
			"dataCategories":["NON_CONTENT"],"identifiers":[{"type":"EMAIL","value":"%s@example.com"}]}""";

	private final LocalStack stack;

	private final HttpClient http;

	private final ClientCredentials client;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicLong submitted = new AtomicLong();

	Api(LocalStack stack) {
		this.stack = stack;
		// HTTP/1.1: one request per connection at a time, as a load generator's
		// connections; the pool grows to the number in flight
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		this.client = new ClientCredentials(stack.settings().issuer(), "ler-replay",
				ClientCredentials.secret("LER_REPLAY_CLIENT_SECRET", "replay-demo-secret"));
	}

	String url(String service) {
		return this.stack.settings().url(service);
	}

	/**
	 * A submission to intake as a {@link Target}: succeeds on 202 (the broker
	 * acknowledged the event). Every submission names a new identifier.
	 * @param idempotencyKey whether each submission carries its own Idempotency-Key
	 */
	Target submission(boolean idempotencyKey) {
		URI uri = URI.create(url("intake-service") + "/api/requests");
		return () -> {
			String n = "bench-" + this.run + "-" + this.submitted.incrementAndGet();
			HttpRequest.Builder request = HttpRequest.newBuilder(uri)
				.header("Authorization", this.client.authorization())
				.header("Content-Type", "application/json")
				.timeout(Duration.ofSeconds(60))
				.POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(n)));
			if (idempotencyKey) {
				request.header("Idempotency-Key", n);
			}
			return this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
				.thenApply((answer) -> answer.statusCode() == 202);
		};
	}

	/** A GET as a {@link Target}: succeeds on 200 (the body is read and dropped). */
	Target read(String service, String path) {
		URI uri = URI.create(url(service) + path);
		return () -> this.http
			.sendAsync(HttpRequest.newBuilder(uri)
				.header("Authorization", this.client.authorization())
				.timeout(Duration.ofSeconds(60))
				.build(), HttpResponse.BodyHandlers.ofByteArray())
			.thenApply((answer) -> answer.statusCode() == 200);
	}

	/** GET, expecting 200, as JSON. */
	JsonNode get(String service, String path) throws IOException, InterruptedException {
		HttpResponse<String> answer = authorizedGet(URI.create(url(service) + path));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return json.readTree(answer.body());
	}

	/**
	 * GET, expecting 200, as text (e.g. {@code /actuator/prometheus}, which needs
	 * OPERATOR).
	 */
	String text(String service, String path) throws IOException, InterruptedException {
		HttpResponse<String> answer = authorizedGet(URI.create(url(service) + path));
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("GET " + path + " answered " + answer.statusCode());
		}
		return answer.body();
	}

	/** GET from a given base URL (e.g. a second reporting instance), as JSON. */
	JsonNode get(URI uri) throws IOException, InterruptedException {
		HttpResponse<String> answer = authorizedGet(uri);
		if (answer.statusCode() != 200) {
			throw new IllegalStateException("GET " + uri + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return json.readTree(answer.body());
	}

	/** GET with the client's token, 60 s timeout; the answer whatever its status. */
	private HttpResponse<String> authorizedGet(URI uri) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(uri)
			.header("Authorization", this.client.authorization())
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** POST without a body; returns the status. */
	int post(URI uri) throws IOException, InterruptedException {
		return this.http
			.send(HttpRequest.newBuilder(uri)
				.header("Authorization", this.client.authorization())
				.timeout(Duration.ofMinutes(2))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	/** What a listener to server-sent events does with each {@code data} line. */
	@FunctionalInterface
	interface EventListener {

		/**
		 * @param data the line after {@code data:}
		 * @param nanos when it arrived ({@link System#nanoTime()})
		 * @return false to stop listening (the connection is closed at the next line)
		 */
		boolean onData(String data, long nanos);

	}

	/**
	 * Streams the server-sent events at the path to the listener until it returns false
	 * or the server ends the stream.
	 */
	CompletableFuture<?> stream(String service, String path, EventListener listener) {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url(service) + path))
			.header("Authorization", this.client.authorization())
			.header("Accept", "text/event-stream")
			.build();
		return this.http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept((answer) -> {
			try (java.util.stream.Stream<String> lines = answer.body()) {
				java.util.Iterator<String> each = lines.iterator();
				while (each.hasNext()) {
					String line = each.next();
					if (line.startsWith("data:") && !listener.onData(line.substring(5), System.nanoTime())) {
						return;
					}
				}
			}
		});
	}

	/** {@code totals.requests} of the figures (period {@code all}). */
	long requestsCounted() throws IOException, InterruptedException {
		return get("reporting-service", "/api/statistics").path("totals").path("requests").asLong();
	}

	String authorization() {
		return this.client.authorization();
	}

}
