package ler.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ler.localstack.auth.ClientCredentials;
import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The whole system for an end-to-end test, as the launcher of {@code ./run.sh} starts it:
 * on free ports with a fresh data directory, so it stays clear of a stack already
 * running; and the plain HTTP a user would speak to it.
 */
final class TestStack {

	private static final HttpClient http = HttpClient.newHttpClient();

	/** One token per client and stack, renewed before it expires. */
	private static final Map<String, ClientCredentials> clients = new java.util.concurrent.ConcurrentHashMap<>();

	private TestStack() {
	}

	/**
	 * @param environment extra environment for the services, e.g.
	 * {@code SPRING_APPLICATION_JSON}
	 */
	static LocalStack start(String name, Map<String, String> environment) throws IOException {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, FaultSuite.freePort());
		}
		ports.put(LocalStack.IDENTITY_PROVIDER, FaultSuite.freePort());
		LocalStack stack = new LocalStack(
				new LocalStack.Settings(Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize(),
						Files.createTempDirectory(name), FaultSuite.freePort(), FaultSuite.freePort(),
						FaultSuite.freePort(), ports, null, null, environment));
		stack.start();
		return stack;
	}

	/**
	 * The replay's client ({@code ler-replay}: liaison of the replay agency, counsel,
	 * executive, operator) at the stack's provider.
	 */
	static ClientCredentials replayClient(LocalStack stack) {
		return clients.computeIfAbsent(stack.settings().issuer() + " ler-replay",
				(k) -> new ClientCredentials(stack.settings().issuer(), "ler-replay", "replay-demo-secret"));
	}

	/** The second pair of eyes ({@code ler-replay-approver}: SENIOR_COUNSEL only). */
	static ClientCredentials approverClient(LocalStack stack) {
		return clients.computeIfAbsent(stack.settings().issuer() + " ler-replay-approver",
				(k) -> new ClientCredentials(stack.settings().issuer(), "ler-replay-approver",
						"replay-approver-demo-secret"));
	}

	/**
	 * {@code Bearer <token>} for a demo person, signed in as the README shows: by
	 * {@code scripts/token.sh USERNAME} (authorization code + PKCE through the provider's
	 * password and TOTP forms, with curl).
	 */
	static String person(LocalStack stack, String username) throws IOException, InterruptedException {
		Path root = Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize();
		ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("scripts/token.sh").toString(), username)
			.redirectError(ProcessBuilder.Redirect.INHERIT);
		builder.environment().put("LER_ISSUER_URI", stack.settings().issuer());
		Process process = builder.start();
		String token = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
			.trim();
		if (process.waitFor() != 0 || token.isEmpty()) {
			throw new IllegalStateException("scripts/token.sh " + username + " gave no token");
		}
		return "Bearer " + token;
	}

	/** A GET with the replay client's token. */
	/**
	 * The year 2012's countries table of the transparency report as CSV (asserted 200),
	 * read with the replay client's token.
	 */
	static String countriesCsv(LocalStack stack) throws Exception {
		HttpResponse<String> table = http.send(HttpRequest
			.newBuilder(URI.create(stack.settings().url("reporting-service")
					+ "/api/reports/transparency?period=2012&table=countries"))
			.header("Accept", "text/csv")
			.header("Authorization", replayClient(stack).authorization())
			.build(), HttpResponse.BodyHandlers.ofString());
		org.assertj.core.api.Assertions.assertThat(table.statusCode()).isEqualTo(200);
		return table.body();
	}

	/**
	 * Writes an unreadable record ({@code {not an event}}) to {@code ler.requests} as the
	 * broker's admin, for every consumer to dead-letter.
	 * @param admin the admin's client settings
	 */
	static void publishPoison(Map<String, Object> admin) throws Exception {
		try (org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer = new org.apache.kafka.clients.producer.KafkaProducer<>(
				admin, new org.apache.kafka.common.serialization.ByteArraySerializer(),
				new org.apache.kafka.common.serialization.ByteArraySerializer())) {
			producer
				.send(new org.apache.kafka.clients.producer.ProducerRecord<>("ler.requests",
						"poison".getBytes(java.nio.charset.StandardCharsets.UTF_8),
						"{not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
				.get(30, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	static HttpResponse<String> get(LocalStack stack, String service, String path) throws Exception {
		return get(stack, service, path, replayClient(stack).authorization());
	}

	/** A GET with the given {@code Authorization} header value, or none when null. */
	static HttpResponse<String> get(LocalStack stack, String service, String path, String authorization)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** A JSON POST with the replay client's token. */
	static HttpResponse<String> post(LocalStack stack, String service, String path, String body) throws Exception {
		return post(stack, service, path, body, replayClient(stack).authorization());
	}

	/**
	 * A JSON POST with the given {@code Authorization} header value, or none when null.
	 */
	static HttpResponse<String> post(LocalStack stack, String service, String path, String body, String authorization)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** How many records {@code topic} holds: the sum of its partitions' end offsets. */
	static long records(Map<String, Object> client, String topic) throws Exception {
		try (Admin admin = Admin.create(client)) {
			return ends(admin, topic).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/** The end offset of each partition of {@code topic}. */
	static Map<TopicPartition, Long> ends(Admin admin, String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.forEach((p) -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
		return ends;
	}

}
