package ler.bench;

import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurement 5, report and queue latency as the system grows. At each level (requests in
 * the system, as reporting counts them) the fast path tops the request stream
 * ({@code ler.requests}) up with {@code RequestReceived} events received now, from which
 * review opens a pending case each and reporting counts each; once review, reporting and
 * intake have consumed the stream to its end, 4 closed-loop connections read
 * {@code GET /api/reports/transparency?period=<this year>} and then counsel's queue
 * {@code GET /api/reviews?status=PENDING&limit=100} for {@code --duration} each: p50 and
 * p99 of each. A level at least 10,000 requests above the last also gives each consumer's
 * catch-up rate (records/s, one value; the consumers run together). No baseline: the goal
 * is flat latency, p99 under 50 ms at 1M. When earlier measurements ran, measurement 5
 * gets a fresh stack of its own ({@link Benchmarks}), so its levels count from that
 * stack's warm-up (about 10,000 requests), not from what they submitted; each row names
 * the count it was measured at. A level the consumers do not reach within
 * {@code --catch-up-minutes} is reported as not measured.
 */
final class ReadsBench {

	private static final int CONNECTIONS = 4;

	/** What each consumer group of the request stream does with it. */
	private static final java.util.Map<String, String> CONSUMERS = java.util.Map.of("review-cases",
			"review opening cases", "reporting-requests", "reporting's projection", "intake-request-view",
			"intake's request views");

	private final Context context;

	ReadsBench(Context context) {
		this.context = context;
	}

	List<Figure> run() throws Exception {
		Options options = this.context.options();
		String year = Year.now(ZoneOffset.UTC).toString();
		List<Figure> figures = new ArrayList<>();
		for (long level : options.levels()) {
			long present = this.context.api().requestsCounted();
			if (present < level) {
				long started = System.nanoTime();
				FastPath.write(this.context.broker(), "ler.requests", null, present, level - present, Instant.now(),
						options.ids()::next);
				Context.progress("level %,d: wrote %,d requests by the fast path in %.1f s; waiting for the consumers",
						level, level - present, (System.nanoTime() - started) / 1e9);
			}
			try {
				long wrote = Math.max(0, level - present);
				java.util.Map<String, java.time.Duration> times = this.context.broker()
					.awaitCaughtUp("ler.requests", options.catchUp(), "review-cases", "reporting-requests",
							"intake-request-view");
				times.forEach((group, took) -> Context.progress("  %s caught up in %.1f s (%,.0f records/s)", group,
						took.toMillis() / 1e3, wrote / Math.max(took.toMillis() / 1e3, 0.001)));
				if (wrote >= 10_000) {
					// the three consumers of the request stream, each from where it stood
					// to the level, all at once (they share the machine)
					times.forEach((group,
							took) -> figures.add(Figure
								.of(5, String.format(java.util.Locale.ROOT, "catch-up of %s, %,d requests to %,d",
										CONSUMERS.getOrDefault(group, group), wrote, level), "records/s",
										List.of(wrote / Math.max(took.toMillis() / 1e3, 0.001)), "")
								.withNote("one value: the consumers run together, from the fast path's last write")));
				}
			}
			catch (IllegalStateException ex) {
				// the levels below keep their figures; this one and those above are not
				// reached in the time given
				figures.add(
						Figure
							.of(5, String.format(java.util.Locale.ROOT, "report and queue at %,d requests", level),
									"ms", List.of(Double.NaN), "")
							.withNote("not measured: " + ex.getMessage()));
				Context.progress("level %,d not reached: %s", level, ex.getMessage());
				break;
			}
			long counted = this.context.api().requestsCounted();
			List<List<Double>> report = List.of(new ArrayList<>(), new ArrayList<>());
			List<List<Double>> queue = List.of(new ArrayList<>(), new ArrayList<>());
			long failed = 0;
			for (int run = 1; run <= options.runs(); run++) {
				ClosedLoop.Result r = ClosedLoop.run(
						this.context.api().read("reporting-service", "/api/reports/transparency?period=" + year),
						CONNECTIONS, options.duration());
				ClosedLoop.Result q = ClosedLoop.run(
						this.context.api().read("review-service", "/api/reviews?status=PENDING&limit=100"), CONNECTIONS,
						options.duration());
				report.get(0).add(r.percentileMillis(50));
				report.get(1).add(r.percentileMillis(99));
				queue.get(0).add(q.percentileMillis(50));
				queue.get(1).add(q.percentileMillis(99));
				failed += r.failed() + q.failed();
				Context.progress(
						"run %d at %,d requests: report p50 %.1f ms p99 %.1f ms (%.0f/s); queue p50 %.1f ms p99 %.1f ms (%.0f/s)",
						run, counted, r.percentileMillis(50), r.percentileMillis(99), r.succeededPerSecond(),
						q.percentileMillis(50), q.percentileMillis(99), q.succeededPerSecond());
			}
			String at = String.format(java.util.Locale.ROOT, " at %,d requests", counted);
			String note = (failed > 0) ? failed + " reads failed" : "";
			figures.add(Figure.of(5, "transparency report p50" + at, "ms", report.get(0), "").withNote(note));
			figures.add(Figure.of(5, "transparency report p99" + at, "ms", report.get(1), "p99 < 50 ms at 1M"));
			figures.add(Figure.of(5, "counsel's queue p50" + at, "ms", queue.get(0), ""));
			figures.add(Figure.of(5, "counsel's queue p99" + at, "ms", queue.get(1), "p99 < 50 ms at 1M"));
		}
		return figures;
	}

}
