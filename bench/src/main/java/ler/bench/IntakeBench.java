package ler.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Measurement 1, intake. Saturation: closed loop, {@code connections} workers each
 * submitting {@code POST /api/requests} as soon as the previous one was answered, without
 * and with a fresh Idempotency-Key per submission; the figure is 202s per second (a 202
 * means the broker acknowledged the event). Latency: an open-loop generator at each fixed
 * arrival rate ({@link OpenLoop}: scheduled by the clock, latency from the intended send
 * time), p50/p99/p99.9 of every submission due in the run. Baselines, on the same broker
 * in the same run: a plain KafkaProducer ({@code acks=all}, idempotent) writing records
 * of the size of intake's event as fast as it can ({@code ProducerPerformance}), and the
 * same producer driven by the same open-loop generator at the same rate (latency send to
 * acknowledgement, from the intended time). Baseline records go to a topic of their own,
 * {@value #BASELINE_TOPIC}, so no service reads them.
 */
final class IntakeBench {

	static final String BASELINE_TOPIC = "bench.producer-baseline";

	private final Context context;

	IntakeBench(Context context) {
		this.context = context;
	}

	List<Figure> run() {
		Options options = this.context.options();
		int size = FastPath.receivedSize();
		this.context.broker().createTopics(BASELINE_TOPIC);
		long baselineRecords = Math.max(20_000, 5_000L * options.duration().toSeconds());
		List<Figure> figures = new ArrayList<>();
		List<Double> producerRuns = new ArrayList<>();
		Map<String, List<Double>> saturation = new java.util.LinkedHashMap<>();
		for (int run = 1; run <= options.runs(); run++) {
			for (int connections : options.connections()) {
				for (boolean key : List.of(false, true)) {
					ClosedLoop.Result result = ClosedLoop.run(this.context.api().submission(key), connections,
							options.duration());
					Context.progress("run %d: intake, %d connections%s: %.0f accepted/s (%d refused or failed)", run,
							connections, key ? ", Idempotency-Key" : "", result.succeededPerSecond(), result.failed());
					saturation.computeIfAbsent(label(connections, key), (k) -> new ArrayList<>())
						.add(result.succeededPerSecond());
				}
			}
			double producer = this.context.broker().producerThroughput(BASELINE_TOPIC, size, baselineRecords);
			Context.progress("run %d: plain producer, %d B records: %.0f records/s", run, size, producer);
			producerRuns.add(producer);
		}
		String producerBaseline = "plain KafkaProducer, " + size + " B records, acks=all";
		saturation.forEach((what, runs) -> figures.add(Figure.of(1, what, "req/s", runs, "5,000 req/s sustained")
			.withBaseline(producerBaseline, producerRuns)));
		for (int rate : options.rates()) {
			figures.addAll(latencyAt(rate, size));
		}
		return figures;
	}

	private List<Figure> latencyAt(int rate, int size) {
		Options options = this.context.options();
		List<List<Double>> intake = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		List<List<Double>> producer = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
		List<Double> achieved = new ArrayList<>();
		long unfinished = 0;
		long failed = 0;
		double[] percentiles = { 50, 99, 99.9 };
		try (KafkaProducer<byte[], byte[]> plain = this.context.broker().producer(Map.of())) {
			for (int run = 1; run <= options.runs(); run++) {
				OpenLoop.Result result = OpenLoop.run(this.context.api().submission(false), rate, options.duration(),
						options.inFlight(), options.duration().plus(Duration.ofSeconds(10)));
				OpenLoop.Result baseline = OpenLoop.run(Broker.sendTarget(plain, BASELINE_TOPIC, size), rate,
						options.duration(), options.inFlight(), options.duration().plus(Duration.ofSeconds(10)));
				for (int p = 0; p < percentiles.length; p++) {
					intake.get(p).add(result.percentileMillis(percentiles[p]));
					producer.get(p).add(baseline.percentileMillis(percentiles[p]));
				}
				achieved.add(result.succeededPerSecond());
				unfinished += result.unfinished();
				failed += result.failed();
				Context.progress(
						"run %d: intake at %d req/s (open loop): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, %.0f accepted/s,"
								+ " %d failed, %d unfinished; plain producer p99 %.1f ms",
						run, rate, result.percentileMillis(50), result.percentileMillis(99),
						result.percentileMillis(99.9), result.succeededPerSecond(), result.failed(),
						result.unfinished(), baseline.percentileMillis(99));
			}
		}
		String note = (unfinished + failed > 0) ? String.format(java.util.Locale.ROOT,
				"%d submissions failed and %d were unfinished at the end of the runs (counted with their wait so far)",
				failed, unfinished) : "";
		List<Figure> figures = new ArrayList<>();
		String[] names = { "p50", "p99", "p99.9" };
		for (int p = 0; p < percentiles.length; p++) {
			figures.add(Figure
				.of(1, "intake latency " + names[p] + " at " + rate + " req/s (open loop)", "ms", intake.get(p),
						(rate == 1000 && p == 1) ? "p99 < 50 ms" : "")
				.withBaseline("plain KafkaProducer " + names[p] + " at " + rate + " records/s", producer.get(p))
				.withNote(note));
		}
		figures.add(
				Figure.of(1, "intake accepted at an offered " + rate + " req/s", "req/s", achieved, "").withNote(note));
		return figures;
	}

	private static String label(int connections, boolean key) {
		return "intake saturation, " + connections + " connections, " + (key ? "with" : "without") + " Idempotency-Key";
	}

}
