package ler.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ler.localstack.faults.FaultSuite;
import tools.jackson.databind.JsonNode;

/**
 * Measurement 3, projection rebuild. {@code --events} events (half
 * {@code RequestReceived}, half their {@code DecisionRecorded}) are written by the fast
 * path to topics of their own ({@value #REQUESTS}, {@value #DECISIONS}; kept forever like
 * the event topics, readable by reporting's Kafka principal), read by a second reporting
 * instance of its own (consumer groups {@code reporting-bench-*}, database
 * {@code ler_reporting_bench}), so nothing else in the stack consumes them and the live
 * figures stay apart. Each run posts {@code POST /api/projection/rebuild} (OPERATOR) to
 * that instance and times it until its figures are complete: every request counted and
 * decided, and each country's count equal to what was written (checked; a mismatch fails
 * the run). The time includes the rebuild's own stop, drop and rewind. Baseline in the
 * same run: a plain KafkaConsumer reading both topics from the start
 * ({@code ConsumerPerformance}).
 */
final class RebuildBench {

	static final String REQUESTS = "bench.requests";

	static final String DECISIONS = "bench.decisions";

	private static final String INSTANCE = "reporting-rebuild";

	private final Context context;

	RebuildBench(Context context) {
		this.context = context;
	}

	List<Figure> run() throws Exception {
		Options options = this.context.options();
		Broker broker = this.context.broker();
		broker.createTopics(REQUESTS, DECISIONS);
		broker.allowToRead(this.context.stack(), "reporting-service", REQUESTS, DECISIONS);
		long requests = Math.max(1, options.events() / 2);
		int port = FaultSuite.freePort();
		this.context.stack()
			.startInstance("reporting-service", INSTANCE, port,
					Map.of("LER_TOPIC_REQUESTS", REQUESTS, "LER_TOPIC_DECISIONS", DECISIONS, "LER_REPORTING_GROUP",
							"reporting-bench", "SPRING_MONGODB_DATABASE", "ler_reporting_bench"));
		try {
			this.context.stack().awaitReady(INSTANCE, port);
			URI base = URI.create("http://localhost:" + port);
			long started = System.nanoTime();
			long written = FastPath.write(broker, REQUESTS, DECISIONS, 0, requests,
					Instant.parse("2013-03-01T12:00:00Z"), options.ids()::next);
			double writeSeconds = (System.nanoTime() - started) / 1e9;
			Context.progress("wrote %,d events by the fast path in %.1f s (%.0f events/s)", written, writeSeconds,
					written / writeSeconds);
			List<Double> rates = new ArrayList<>();
			List<Double> seconds = new ArrayList<>();
			List<Double> consumer = new ArrayList<>();
			String failure = "";
			for (int run = 1; run <= options.runs(); run++) {
				long t0 = System.nanoTime();
				int status = this.context.api().post(base.resolve("/api/projection/rebuild"));
				if (status != 202) {
					throw new IllegalStateException("POST /api/projection/rebuild answered " + status);
				}
				String mismatch = awaitComplete(base, requests, options.catchUp());
				double took = (System.nanoTime() - t0) / 1e9;
				if (mismatch != null) {
					failure = "run " + run + ": " + mismatch;
					rates.add(Double.NaN);
					seconds.add(Double.NaN);
				}
				else {
					rates.add(written / took);
					seconds.add(took);
				}
				double read = broker.consumerThroughput(REQUESTS, DECISIONS);
				consumer.add(read);
				Context.progress(
						"run %d: rebuild of %,d events in %.1f s (%.0f events/s)%s; plain consumer %.0f records/s", run,
						written, took, written / took, (mismatch == null) ? ", figures exact" : ": " + mismatch, read);
			}
			String what = String.format(java.util.Locale.ROOT, "projection rebuild, %,d events", written);
			return List.of(
					Figure.of(3, what, "events/s", rates, ">= 50,000 events/s and >= 0.5 of the consumer")
						.withBaseline("plain KafkaConsumer on the same topics", consumer)
						.withNote(failure.isEmpty() ? "rebuilt figures checked equal to the events written" : failure),
					Figure.of(3, what + ", wall time", "s", seconds, ""));
		}
		finally {
			this.context.stack().kill(INSTANCE);
		}
	}

	/**
	 * Waits until the instance counts every request, decided; then checks each country.
	 * @return null when exact, else what differs
	 */
	private String awaitComplete(URI base, long requests, Duration timeout) throws Exception {
		Instant deadline = Instant.now().plus(timeout);
		JsonNode figures;
		while (true) {
			figures = this.context.api().get(base.resolve("/api/statistics"));
			JsonNode totals = figures.path("totals");
			if (totals.path("requests").asLong() == requests && totals.path("decided").asLong() == requests) {
				break;
			}
			if (Instant.now().isAfter(deadline)) {
				return "not complete after " + timeout + ": " + totals.path("requests").asLong() + " requests, "
						+ totals.path("decided").asLong() + " decided, of " + requests;
			}
			// the rebuild gives no completion signal over HTTP: poll the figures
			Thread.sleep(100);
		}
		for (String country : FastPath.COUNTRIES) {
			long expected = FastPath.requestsFrom(country, requests);
			long counted = 0;
			for (JsonNode row : figures.path("byCountry")) {
				if (row.path("key").asString().equals(country)) {
					counted = row.path("requests").asLong();
				}
			}
			if (counted != expected) {
				return country + " counts " + counted + ", expected " + expected;
			}
		}
		return null;
	}

}
