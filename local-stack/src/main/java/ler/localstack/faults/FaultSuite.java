package ler.localstack.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ler.localstack.LocalStack;
import ler.localstack.auth.ClientCredentials;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Nothing lost, nothing counted twice, under faults: the broker, the store and every
 * service run as separate processes; a steady load of requests and decisions comes from
 * this process; during the load each service is killed with {@code kill -9} once and
 * restarted, a second reporting instance joins and the first is killed, the broker is
 * restarted, and the store is stopped for a while and started again. Reporting runs with
 * a short store timeout, so a record that meets the stopped store exhausts the binder's
 * retries and is dead-lettered; after the load the dead letters are re-driven. At the end
 * it prints what was acknowledged and what was counted, and fails unless they match
 * exactly.
 */
public final class FaultSuite {

	static final JsonMapper json = JsonMapper.builder().build();

	static final String[] DECISIONS = { "DISCLOSE_NON_CONTENT", "NO_DATA_FOUND", "REJECT" };

	/** Requests of the suite are received in this year, so its figures stand apart. */
	static final String YEAR = "2008";

	private final LocalStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/** request id -> decision acknowledged for it (null until acknowledged) */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();

	private final Map<String, String> keys = new ConcurrentHashMap<>();

	private final Set<String> decided = ConcurrentHashMap.newKeySet();

	private final AtomicInteger retries = new AtomicInteger();

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final List<String> log = java.util.Collections.synchronizedList(new ArrayList<>());

	/**
	 * Answers that another attempt with the same Idempotency-Key was still in flight
	 * (409, IETF Idempotency-Key draft): retried as the answer asks.
	 */
	private final AtomicInteger inFlight = new AtomicInteger();

	/**
	 * Server errors other than 503 that intake answered, e.g. while the store was away.
	 */
	private final AtomicInteger serverErrors = new AtomicInteger();

	/**
	 * Reporting instances started by the suite wait this long for the store per attempt,
	 * so that the binder's retries run out while the store is stopped.
	 */
	static final Map<String, String> REPORTING_ENVIRONMENT = Map.of("LER_PROJECTION_WRITE_TIMEOUT", "1s");

	/** The suite acts as the replay client: liaison, counsel, executive and operator. */
	private final ClientCredentials tokens;

	public FaultSuite(LocalStack stack) {
		this.stack = stack;
		this.tokens = new ClientCredentials(stack.settings().issuer(), "ler-replay",
				ClientCredentials.secret("LER_REPLAY_CLIENT_SECRET", "replay-demo-secret"));
	}

	/** A request carrying the suite's client-credentials access token. */
	private HttpRequest.Builder authorized(URI uri) {
		return HttpRequest.newBuilder(uri).header("Authorization", this.tokens.authorization());
	}

	/** The outcome: every line printed, and whether the figures matched. */
	public record Result(Map<String, Long> figures, List<String> timeline, boolean exact) {
	}

	public Result run(Duration phase, int workers) throws Exception {
		ExecutorService load = Executors.newFixedThreadPool(workers);
		AtomicInteger sequence = new AtomicInteger();
		List<java.util.concurrent.Future<Object>> workersDone = new ArrayList<>();
		for (int w = 0; w < workers; w++) {
			workersDone.add(load.submit(() -> {
				while (this.running.get()) {
					one("fault-" + sequence.incrementAndGet());
				}
				return null;
			}));
		}
		int secondPort = freePort();
		step("load running", phase);
		step("kill -9 intake-service", () -> {
			this.stack.kill("intake-service");
			this.stack.startService("intake-service");
			this.stack.awaitReady("intake-service");
		});
		step("load running", phase);
		step("kill -9 review-service", () -> {
			this.stack.kill("review-service");
			this.stack.startService("review-service");
			this.stack.awaitReady("review-service");
		});
		step("load running", phase);
		step("second reporting instance joins", () -> {
			this.stack.startInstance("reporting-service", "reporting-service-2", secondPort, REPORTING_ENVIRONMENT);
			this.stack.awaitReady("reporting-service-2", secondPort);
		});
		step("load running", phase);
		step("kill -9 the first reporting instance (the second takes its partitions)", () -> {
			this.stack.kill("reporting-service");
		});
		step("load running", phase);
		step("first reporting instance back", () -> {
			this.stack.startInstance("reporting-service", "reporting-service",
					this.stack.settings().servicePorts().get("reporting-service"), REPORTING_ENVIRONMENT);
			this.stack.awaitReady("reporting-service");
		});
		step("restart the broker", this.stack::restartBroker);
		step("load running", phase);
		step("stop the store", this.stack::stopStore);
		// longer than reporting's retries (4 attempts of 1 s, 3.5 s of back-off)
		step("load running, the store stopped", (phase.compareTo(STORE_OUTAGE) > 0) ? phase : STORE_OUTAGE);
		step("start the store again", this.stack::startStore);
		step("load running", phase);
		this.running.set(false);
		load.shutdown();
		if (!load.awaitTermination(5, TimeUnit.MINUTES)) {
			throw new IllegalStateException("the load did not stop");
		}
		for (java.util.concurrent.Future<Object> worker : workersDone) {
			// a worker that met an answer it cannot retry fails the suite here
			worker.get();
		}
		this.log.add("load stopped");

		// every acknowledged request must be decided in the end: finish what the load
		// left open
		for (Map.Entry<String, String> request : this.acknowledged.entrySet()) {
			if (!this.decided.contains(request.getKey())) {
				decide(request.getKey(), this.keys.get(request.getKey()));
			}
		}
		int redriven = redrive();
		this.log.add("dead letters re-driven: " + redriven);
		Result result = check(secondPort);
		result.figures().put("dead letters re-driven", (long) redriven);
		result.figures().put("intake 5xx answers other than 503 (retried)", (long) this.serverErrors.get());
		result.figures().put("intake 409 key-in-flight answers (retried)", (long) this.inFlight.get());
		return result;
	}

	/** How long the store stays stopped at least. */
	static final Duration STORE_OUTAGE = Duration.ofSeconds(12);

	/**
	 * Re-drives reporting's dead letters, as an operator would once the store is back.
	 * @return how many were re-driven
	 */
	private int redrive() throws Exception {
		URI redrive = URI.create(this.stack.settings().url("reporting-service") + "/api/dead-letters/redrive");
		for (int attempt = 0;; attempt++) {
			HttpResponse<String> answer = this.http.send(authorized(redrive).timeout(Duration.ofMinutes(2))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200) {
				return json.readTree(answer.body()).get("redriven").asInt();
			}
			if (attempt == 20) {
				throw new IllegalStateException("re-drive answered " + answer.statusCode() + ": " + answer.body());
			}
			pause(500);
		}
	}

	private void one(String key) {
		String id = submit(key);
		if (id != null) {
			decide(id, key);
		}
	}

	/**
	 * Submits until intake acknowledges; the same Idempotency-Key makes every retry safe.
	 */
	private String submit(String key) {
		String body = """
				{"agency":{"name":"Fault suite","country":"GB","contactEmail":"suite@police.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SUBPOENA",
				 "identifiers":[{"type":"EMAIL","value":"%s@example.com"}],"receivedAt":"%s-06-01T00:00:00Z"}"""
			.formatted(key, YEAR);
		while (true) {
			try {
				HttpResponse<String> answer = this.http
					.send(authorized(URI.create(this.stack.settings().url("intake-service") + "/api/requests"))
						.header("Content-Type", "application/json")
						.header("Idempotency-Key", key)
						.timeout(Duration.ofSeconds(30))
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 202) {
					String id = json.readTree(answer.body()).get("id").asString();
					this.acknowledged.putIfAbsent(id, "");
					this.keys.put(id, key);
					return id;
				}
				if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
					// retried with the same key like a 503, but counted: intake should
					// say 503
					this.serverErrors.incrementAndGet();
				}
				else if (answer.statusCode() == 409 && answer.body().contains("idempotency-key-in-flight")) {
					// an earlier attempt with this key (perhaps on an instance that was
					// killed) still holds it: retry after its lease, as the answer says
					this.inFlight.incrementAndGet();
				}
				else if (answer.statusCode() != 503) {
					throw new IllegalStateException("intake answered " + answer.statusCode() + ": " + answer.body());
				}
			}
			catch (IOException ex) {
				// intake is down or restarting
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			this.retries.incrementAndGet();
			pause(300);
		}
	}

	/**
	 * Decides until review acknowledges, or shows the case decided by an earlier attempt.
	 */
	private void decide(String id, String key) {
		String decision = DECISIONS[Math.floorMod(key.hashCode(), DECISIONS.length)];
		String body = "{\"decision\":\"" + decision + "\",\"reason\":\"fault suite\"}";
		String base = this.stack.settings().url("review-service") + "/api/reviews/" + id;
		for (int attempt = 0; attempt < 2000; attempt++) {
			try {
				HttpResponse<String> answer = this.http
					.send(authorized(URI.create(base + "/decisions")).header("Content-Type", "application/json")
						.timeout(Duration.ofSeconds(30))
						.POST(HttpRequest.BodyPublishers.ofString(body))
						.build(), HttpResponse.BodyHandlers.ofString());
				if (answer.statusCode() == 201 || answer.statusCode() == 409) {
					JsonNode reviewCase = json.readTree(
							this.http.send(authorized(URI.create(base)).build(), HttpResponse.BodyHandlers.ofString())
								.body());
					if (reviewCase.path("status").asString().equals("DECIDED")) {
						this.acknowledged.put(id, reviewCase.path("decision").path("decision").asString());
						this.decided.add(id);
						return;
					}
				}
				// 404: the case is not open yet; 5xx or connection errors: review is
				// restarting
			}
			catch (IOException ex) {
				// review is down or restarting
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.retries.incrementAndGet();
			pause(200);
		}
		throw new IllegalStateException("review never decided " + id);
	}

	private Result check(int secondPort) throws Exception {
		long requests = this.acknowledged.size();
		Map<String, Long> byDecision = new LinkedHashMap<>();
		this.acknowledged.values().forEach((d) -> byDecision.merge(d, 1L, Long::sum));
		Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
		JsonNode totals;
		while (true) {
			totals = statistics(this.stack.settings().url("reporting-service")).get("totals");
			if ((totals.get("decided").asLong() >= this.decided.size() && totals.get("requests").asLong() >= requests)
					|| Instant.now().isAfter(deadline)) {
				break;
			}
			pause(500);
		}
		JsonNode second = statistics("http://localhost:" + secondPort).get("totals");
		Map<String, Long> figures = new LinkedHashMap<>();
		figures.put("requests acknowledged by intake", requests);
		figures.put("requests in the statistics", totals.get("requests").asLong());
		figures.put("decisions acknowledged by review", (long) this.decided.size());
		figures.put("decisions in the statistics", totals.get("decided").asLong());
		figures.put("non-content acknowledged", byDecision.getOrDefault("DISCLOSE_NON_CONTENT", 0L));
		figures.put("non-content counted", totals.get("outcomes").get("nonContent").get("count").asLong());
		figures.put("no data found acknowledged", byDecision.getOrDefault("NO_DATA_FOUND", 0L));
		figures.put("no data found counted", totals.get("outcomes").get("noDataFound").get("count").asLong());
		figures.put("rejected acknowledged", byDecision.getOrDefault("REJECT", 0L));
		figures.put("rejected counted", totals.get("outcomes").get("rejected").get("count").asLong());
		long duplicates = Math.max(0, totals.get("requests").asLong() - requests)
				+ Math.max(0, totals.get("decided").asLong() - this.decided.size());
		long losses = Math.max(0, requests - totals.get("requests").asLong())
				+ Math.max(0, this.decided.size() - totals.get("decided").asLong());
		figures.put("duplicates", duplicates);
		figures.put("losses", losses);
		figures.put("second reporting instance agrees", second.equals(totals) ? 1L : 0L);
		figures.put("client retries during faults", (long) this.retries.get());
		boolean exact = duplicates == 0 && losses == 0 && second.equals(totals)
				&& figures.get("non-content acknowledged").equals(figures.get("non-content counted"))
				&& figures.get("no data found acknowledged").equals(figures.get("no data found counted"))
				&& figures.get("rejected acknowledged").equals(figures.get("rejected counted"));
		return new Result(figures, List.copyOf(this.log), exact);
	}

	private JsonNode statistics(String base) throws Exception {
		return json.readTree(
				this.http
					.send(authorized(URI.create(base + "/api/statistics?period=" + YEAR)).build(),
							HttpResponse.BodyHandlers.ofString())
					.body());
	}

	private void step(String what, Duration load) {
		this.log.add(what + " (" + load.toSeconds() + " s)");
		pause(load.toMillis());
	}

	private void step(String what, Fault fault) throws Exception {
		long started = System.nanoTime();
		fault.run();
		this.log.add(what + ": done in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s, "
				+ this.acknowledged.size() + " requests acknowledged so far");
	}

	interface Fault {

		void run() throws Exception;

	}

	private static void pause(long millis) {
		try {
			// pacing a load and backing off from a service that is down: waiting is the
			// point
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** Ports {@link #freePort} handed out in this JVM. */
	private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

	/**
	 * A local port free now and not handed out before by this JVM: a probe socket frees
	 * its port when it closes, so the system may offer the same one again before anyone
	 * binds it (a stack once got its broker's port for a service). Every caller drawing
	 * several ports for one stack gets different ones.
	 * @throws IOException when no socket can be opened, or no fresh port turns up in
	 * 1,000 probes
	 */
	public static int freePort() throws IOException {
		for (int probe = 0; probe < 1_000; probe++) {
			try (ServerSocket socket = new ServerSocket(0)) {
				if (HANDED_OUT.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
		}
		throw new IOException("no local port free that was not handed out already");
	}

	/**
	 * Runs the suite on its own stack (free ports, a fresh data directory) and prints the
	 * figures.
	 */
	public static void main(String[] args) throws Exception {
		Duration phase = Duration.ofSeconds((args.length > 0) ? Long.parseLong(args[0]) : 20);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, freePort());
		}
		// the provider the suite takes its client-credentials tokens from
		ports.put(LocalStack.IDENTITY_PROVIDER, freePort());
		Path data = Files.createTempDirectory("ler-fault-suite");
		LocalStack.Settings settings = new LocalStack.Settings(
				Path.of(System.getProperty("ler.root", ".")).toAbsolutePath().normalize(), data, freePort(), freePort(),
				freePort(), ports, null, null);
		// closeOnExit: Ctrl-C or a kill of the suite stops its stack too
		try (LocalStack stack = new LocalStack(settings).closeOnExit()) {
			stack.start();
			Result result = new FaultSuite(stack).run(phase, 4);
			result.timeline().forEach((line) -> System.out.println("  " + line));
			result.figures().forEach((name, value) -> System.out.printf("%-40s %d%n", name, value));
			System.out.println(result.exact() ? "EXACT: nothing lost, nothing counted twice."
					: "MISMATCH: see the figures above; logs in " + data);
			if (!result.exact()) {
				System.exit(1);
			}
		}
	}

}
