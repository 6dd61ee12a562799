package ler.localstack.replay;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import ler.localstack.auth.ClientCredentials;
import ler.localstack.replay.Plan2012.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replays 2012 through the public HTTP APIs: every planned request is submitted to intake
 * (with an Idempotency-Key, so a replay that was interrupted can simply be run again),
 * counsel's steps are taken in review, and finally the transparency report is compared,
 * figure by figure, with what the plan says it must show.
 */
public final class Replay2012 {

	static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String intake;

	private final String review;

	private final String reporting;

	private final int concurrency;

	/**
	 * The replay's own client: liaison of the replay agency, counsel, executive,
	 * operator.
	 */
	private final ClientCredentials tokens;

	/**
	 * A second client with SENIOR_COUNSEL only: the second pair of eyes that content
	 * disclosures and disclosures resting on consent need (issue 12).
	 */
	private final ClientCredentials approver;

	/**
	 * Prefix of every request's Idempotency-Key: the same prefix makes a rerun resume an
	 * interrupted replay; another one submits the year again as new requests.
	 */
	private final String keyPrefix;

	/**
	 * @param issuer the identity provider whose client-credentials tokens the replay uses
	 * ({@code ler-replay} and {@code ler-replay-approver}, secrets from
	 * {@code LER_REPLAY_CLIENT_SECRET} and {@code LER_REPLAY_APPROVER_CLIENT_SECRET}, or
	 * the local demo secrets)
	 */
	public Replay2012(String intake, String review, String reporting, int concurrency, String issuer) {
		this(intake, review, reporting, concurrency, issuer, "replay-2012-");
	}

	/**
	 * A replay whose Idempotency-Keys start with {@code keyPrefix}: the benchmark replays
	 * the year once per run, each run as new requests.
	 */
	public Replay2012(String intake, String review, String reporting, int concurrency, String issuer,
			String keyPrefix) {
		this.keyPrefix = keyPrefix;
		this.intake = intake;
		this.review = review;
		this.reporting = reporting;
		this.concurrency = concurrency;
		this.tokens = new ClientCredentials(issuer, "ler-replay",
				ClientCredentials.secret("LER_REPLAY_CLIENT_SECRET", "replay-demo-secret"));
		this.approver = new ClientCredentials(issuer, "ler-replay-approver",
				ClientCredentials.secret("LER_REPLAY_APPROVER_CLIENT_SECRET", "replay-approver-demo-secret"));
	}

	/** A request carrying the replay client's access token. */
	private HttpRequest.Builder authorized(URI uri) {
		return HttpRequest.newBuilder(uri).header("Authorization", this.tokens.authorization());
	}

	/**
	 * Requests submitted before any of them is decided: review opens the cases of a
	 * window while the rest of it is submitted, a poll's worth at a time (ADR 15), and
	 * counsel's steps then rarely find a case not yet open. One request at a time
	 * (submit, wait for its case, decide) polled review with 404s for each case and had
	 * its case opened alone.
	 */
	static final int WINDOW = 1000;

	/**
	 * Submits and decides every request of the plan, a window of {@link #WINDOW} at a
	 * time (all of a window submitted, then all of it decided, each phase by
	 * {@code concurrency} workers); returns the wall time.
	 * @throws IllegalStateException naming how many requests failed, and the first
	 * failure
	 */
	public Duration replay(List<Plan2012.Request> plan) throws InterruptedException {
		long started = System.nanoTime();
		AtomicInteger done = new AtomicInteger();
		List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
		ExecutorService workers = Executors.newFixedThreadPool(this.concurrency);
		try {
			for (int from = 0; from < plan.size(); from += WINDOW) {
				List<Plan2012.Request> window = plan.subList(from, Math.min(plan.size(), from + WINDOW));
				String[] ids = new String[window.size()];
				onAll(workers, window.size(), (at) -> ids[at] = submit(window.get(at)), failures);
				onAll(workers, window.size(), (at) -> {
					if (ids[at] == null) {
						// its submission failed, and is among the failures
						return;
					}
					decideAsPlanned(window.get(at), ids[at]);
					int n = done.incrementAndGet();
					if (n % 5000 == 0) {
						System.out.printf("  %,d of %,d requests submitted and decided (%.0f s)%n", n, plan.size(),
								(System.nanoTime() - started) / 1e9);
					}
				}, failures);
			}
		}
		finally {
			workers.shutdownNow();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(
					failures.size() + " requests failed; first: " + failures.get(0).getMessage(), failures.get(0));
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	/** One step of the replay on the request at a window's index {@code at}. */
	@FunctionalInterface
	private interface Step {

		void take(int at) throws Exception;

	}

	/**
	 * Takes {@code step} on indexes 0 to {@code count - 1} on the workers and waits for
	 * all of them; a step that fails is added to {@code failures} and stops no other.
	 */
	private static void onAll(ExecutorService workers, int count, Step step, List<Throwable> failures)
			throws InterruptedException {
		List<Callable<Void>> steps = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int at = i;
			steps.add(() -> {
				try {
					step.take(at);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
				return null;
			});
		}
		workers.invokeAll(steps);
	}

	/** Submits a planned request to intake; returns its id (a rerun gets the same). */
	private String submit(Plan2012.Request request) throws Exception {
		ObjectNode body = json.createObjectNode();
		ObjectNode agency = body.putObject("agency");
		agency.put("name", agencyName(request));
		agency.put("country", request.country());
		agency.put("contactEmail", "liaison@" + AgencyDomains.of(request.country()));
		body.put("service", request.service());
		body.put("customerType", request.outcome().enterprise() ? "ENTERPRISE" : "CONSUMER");
		if (request.outcome().enterprise()) {
			body.put("enterpriseCustomer", "enterprise-" + request.key());
		}
		body.put("legalProcess", request.legalProcess());
		var identifiers = body.putArray("identifiers");
		for (int i = 0; i < request.identifiers(); i++) {
			identifiers.addObject()
				.put("type", "EMAIL")
				.put("value", "user" + i + "." + request.key() + "@example.com");
		}
		body.put("receivedAt", request.receivedAt().toString());
		HttpResponse<String> accepted = send(
				authorized(URI.create(this.intake + "/api/requests")).header("Content-Type", "application/json")
					.header("Idempotency-Key", this.keyPrefix + request.key())
					.POST(HttpRequest.BodyPublishers.ofString(body.toString())),
				202);
		return json.readTree(accepted.body()).get("id").asString();
	}

	/**
	 * Takes counsel's steps on a submitted request's case until it is decided as the plan
	 * says; a step an interrupted run took already is not taken again.
	 */
	private void decideAsPlanned(Plan2012.Request request, String id) throws Exception {
		JsonNode reviewCase = awaitCase(id);
		String status = reviewCase.get("status").asString();
		if (status.equals("VERIFICATION_PENDING")) {
			step(id, "verification", Map.of("verified", true, "reason", "replay: agency known"));
			status = "UNDER_REVIEW";
		}
		if (status.equals("DECIDED")) {
			return;
		}
		if (status.equals("AWAITING_APPROVAL")) {
			// an earlier, interrupted run proposed it: only the second approval is
			// missing
			approve(id);
			return;
		}
		switch (request.outcome()) {
			case CONTENT -> decide(id, "DISCLOSE_CONTENT", null);
			case NON_CONTENT -> decide(id, "DISCLOSE_NON_CONTENT", null);
			case NO_DATA_FOUND -> decide(id, "NO_DATA_FOUND", null);
			case REJECTED, ENTERPRISE_REJECTED -> decide(id, "REJECT", null);
			case ENTERPRISE_REDIRECTED -> decide(id, "REDIRECT_TO_CUSTOMER", null);
			case ENTERPRISE_NON_CONTENT_UNDER_CONTRACT ->
				decide(id, "DISCLOSE_NON_CONTENT", "enterprise agreement s.12");
			case ENTERPRISE_CONTENT_WITH_CONSENT -> {
				if (status.equals("UNDER_REVIEW") && !reviewCase.path("consent").isString()) {
					decide(id, "SEEK_CUSTOMER_CONSENT", null);
					status = "AWAITING_CONSENT";
				}
				if (status.equals("AWAITING_CONSENT")) {
					step(id, "consent",
							Map.of("granted", true, "reason", "replay: customer consented", "evidence",
									Map.of("givenBy", "the customer's general counsel", "givenAt",
											Instant.now().minusSeconds(60).toString(), "method", "SIGNED_LETTER")));
				}
				decide(id, "DISCLOSE_CONTENT", null);
			}
		}
	}

	private void decide(String id, String decision, String contract) throws Exception {
		ObjectNode body = json.createObjectNode();
		body.put("decision", decision);
		body.put("reason", "replay of the 2012 report");
		if (contract != null) {
			body.put("contractualArrangement", contract);
		}
		int status = post(this.review + "/api/reviews/" + id + "/decisions", body.toString(), this.tokens);
		if (status == 202) {
			// four eyes: the decision waits for a second person's approval
			approve(id);
		}
	}

	private void approve(String id) throws Exception {
		post(this.review + "/api/reviews/" + id + "/approvals",
				"{\"approved\":true,\"reason\":\"replay: second approval\"}", this.approver);
	}

	private void step(String id, String step, Map<String, Object> fields) throws Exception {
		post(this.review + "/api/reviews/" + id + "/" + step, json.writeValueAsString(fields), this.tokens);
	}

	/**
	 * Posts as the client; 201 and 202 are taken, and 409 (an earlier run took the step).
	 */
	private int post(String url, String body, ClientCredentials client) throws Exception {
		HttpResponse<String> answer = this.http.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", client.authorization())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.timeout(Duration.ofSeconds(60))
			.build(), HttpResponse.BodyHandlers.ofString());
		// 409: this step was taken by an earlier, interrupted run
		if (answer.statusCode() != 201 && answer.statusCode() != 202 && answer.statusCode() != 409) {
			throw new IllegalStateException(url + " answered " + answer.statusCode() + ": " + answer.body());
		}
		return answer.statusCode();
	}

	private JsonNode awaitCase(String id) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
		long pause = 20;
		while (Instant.now().isBefore(deadline)) {
			HttpResponse<String> answer = this.http.send(
					authorized(URI.create(this.review + "/api/reviews/" + id)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == 200) {
				return json.readTree(answer.body());
			}
			// review opens the case asynchronously, with no notification over HTTP: poll
			// with backoff
			Thread.sleep(pause);
			pause = Math.min(500, pause * 2);
		}
		throw new IllegalStateException("review never opened a case for " + id);
	}

	private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
		for (int attempt = 1;; attempt++) {
			HttpResponse<String> answer = this.http.send(request.timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (answer.statusCode() == expected) {
				return answer;
			}
			// 503: the broker did not acknowledge; 409 key-in-flight: an earlier attempt
			// with the same Idempotency-Key is still being answered. The same key makes
			// the retry safe either way.
			boolean inFlight = answer.statusCode() == 409 && answer.body().contains("idempotency-key-in-flight");
			if ((answer.statusCode() != 503 && !inFlight) || attempt == 5) {
				throw new IllegalStateException(
						answer.uri() + " answered " + answer.statusCode() + ": " + answer.body());
			}
			// the broker did not acknowledge: back off before the (idempotent) retry
			Thread.sleep(1000L * attempt);
		}
	}

	/** Waits until the statistics of 2012 hold every planned request, decided. */
	public JsonNode awaitReport(List<Plan2012.Request> plan, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		while (true) {
			JsonNode totals = json.readTree(get(this.reporting + "/api/statistics?period=2012")).get("totals");
			if (totals.get("requests").asLong() == plan.size() && totals.get("decided").asLong() == plan.size()) {
				return json.readTree(get(this.reporting + "/api/reports/transparency?period=2012"));
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("the statistics did not reach the plan: " + totals);
			}
			// the figures converge asynchronously: poll them
			Thread.sleep(500);
		}
	}

	public String get(String url) throws Exception {
		return this.http
			.send(authorized(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private static String agencyName(Plan2012.Request request) {
		String name = new Locale("", request.country()).getDisplayCountry(Locale.ENGLISH);
		return "Law enforcement of " + (name.isEmpty() ? request.country() : name);
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new java.util.HashMap<>(Map.of("--scale", "1", "--intake",
				"http://localhost:8081", "--review", "http://localhost:8082", "--reporting", "http://localhost:8083",
				"--concurrency", "24", "--issuer", "http://localhost:9000"));
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!options.containsKey(args[i])) {
				System.err.println("unknown option " + args[i] + "; options: " + options.keySet());
				System.exit(2);
			}
			options.put(args[i], args[i + 1]);
		}
		double scale = Double.parseDouble(options.get("--scale"));
		List<Plan2012.Request> plan = Plan2012.plan(scale);
		System.out.printf("Replaying 2012 at scale %s: %,d requests through %s and %s%n", options.get("--scale"),
				plan.size(), options.get("--intake"), options.get("--review"));
		Replay2012 replay = new Replay2012(options.get("--intake"), options.get("--review"), options.get("--reporting"),
				Integer.parseInt(options.get("--concurrency")), options.get("--issuer"));
		Duration took = replay.replay(plan);
		System.out.printf("Submitted and decided %,d requests in %d s (%.0f requests/s)%n", plan.size(),
				took.toSeconds(), plan.size() / Math.max(1.0, took.toMillis() / 1000.0));
		JsonNode report = replay.awaitReport(plan, Duration.ofMinutes(10));
		List<String> differences = Expectations.of(plan).compare(report);
		System.out.println(Expectations.headline(report));
		if (differences.isEmpty()) {
			System.out.println("The 2012 report equals the plan in every figure.");
		}
		else {
			System.out.println(differences.size() + " figures differ from the plan:");
			differences.forEach((d) -> System.out.println("  " + d));
			System.exit(1);
		}
	}

}
