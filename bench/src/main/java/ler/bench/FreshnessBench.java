package ler.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.HdrHistogram.Histogram;

/**
 * Measurement 2, freshness: intake is driven open-loop at {@code --freshness-rate} (1,000
 * req/s by default) while one client polls {@code GET /api/statistics} back to back and
 * another listens to {@code GET /api/statistics/stream}; {@link Freshness} turns the 202s
 * and the counts seen into 202-to-figure and 202-to-event times, p50/p99. A poll's figure
 * is stamped when its answer arrives, so the poll measure includes up to one poll round
 * trip. No baseline: the goal is absolute (p99 under 250 ms).
 */
final class FreshnessBench {

	private final Context context;

	FreshnessBench(Context context) {
		this.context = context;
	}

	List<Figure> run() throws Exception {
		Options options = this.context.options();
		Api api = this.context.api();
		List<List<Double>> poll = List.of(new ArrayList<>(), new ArrayList<>());
		List<List<Double>> stream = List.of(new ArrayList<>(), new ArrayList<>());
		long unseen = 0;
		for (int run = 1; run <= options.runs(); run++) {
			// everything submitted so far is counted first, so the count moves only with
			// this run's requests
			this.context.broker()
				.awaitCaughtUp("ler.requests", options.catchUp(), "reporting-requests", "review-cases");
			long base = api.requestsCounted();
			List<Long> accepted = Collections.synchronizedList(new ArrayList<>());
			List<Freshness.Observation> polled = Collections.synchronizedList(new ArrayList<>());
			List<Freshness.Observation> pushed = Collections.synchronizedList(new ArrayList<>());
			AtomicBoolean listening = new AtomicBoolean(true);
			CompletableFuture<?> events = api.stream("reporting-service", "/api/statistics/stream", (data, nanos) -> {
				if (!listening.get()) {
					return false;
				}
				long count = Api.json.readTree(data).path("statistics").path("totals").path("requests").asLong();
				pushed.add(new Freshness.Observation(nanos, count));
				return true;
			});
			Thread poller = new Thread(() -> {
				while (listening.get()) {
					try {
						long count = api.requestsCounted();
						polled.add(new Freshness.Observation(System.nanoTime(), count));
					}
					catch (Exception ex) {
						// a failed poll is a gap in the observations, not a figure
					}
				}
			}, "freshness-poller");
			poller.setDaemon(true);
			poller.start();
			Target submission = api.submission(false);
			OpenLoop.Result load = OpenLoop.run(() -> submission.send().thenApply((ok) -> {
				if (Boolean.TRUE.equals(ok)) {
					accepted.add(System.nanoTime());
				}
				return ok;
			}), options.freshnessRate(), options.duration(), options.inFlight(),
					options.duration().plus(Duration.ofSeconds(10)));
			Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
			while (Instant.now().isBefore(deadline)
					&& (last(polled) < base + accepted.size() || last(pushed) < base + accepted.size())) {
				// the figures converge asynchronously: wait for them
				Thread.sleep(100);
			}
			listening.set(false);
			poller.join(60_000);
			// the stream closes at its next line (a change or the 15 s heartbeat)
			Histogram byPoll = Freshness.of(accepted, base, List.copyOf(polled));
			Histogram byStream = Freshness.of(accepted, base, List.copyOf(pushed));
			unseen += Freshness.unseen(accepted, base, List.copyOf(polled));
			poll.get(0).add(byPoll.getValueAtPercentile(50) / 1000.0);
			poll.get(1).add(byPoll.getValueAtPercentile(99) / 1000.0);
			stream.get(0).add(byStream.getValueAtPercentile(50) / 1000.0);
			stream.get(1).add(byStream.getValueAtPercentile(99) / 1000.0);
			Context.progress(
					"run %d: %d accepted at %d req/s (%.0f/s achieved); 202 to figure p50 %.1f ms p99 %.1f ms;"
							+ " 202 to SSE event p50 %.1f ms p99 %.1f ms (%d SSE events, %d polls)",
					run, accepted.size(), options.freshnessRate(), load.succeededPerSecond(),
					byPoll.getValueAtPercentile(50) / 1000.0, byPoll.getValueAtPercentile(99) / 1000.0,
					byStream.getValueAtPercentile(50) / 1000.0, byStream.getValueAtPercentile(99) / 1000.0,
					pushed.size(), polled.size());
		}
		String note = (unseen > 0) ? unseen + " accepted requests never showed in the figures within 2 minutes" : "";
		int rate = options.freshnessRate();
		return List.of(
				Figure
					.of(2, "freshness p50, 202 to figure (GET /api/statistics) at " + rate + " req/s", "ms",
							poll.get(0), "")
					.withNote(note),
				Figure.of(2, "freshness p99, 202 to figure at " + rate + " req/s", "ms", poll.get(1), "p99 < 250 ms")
					.withNote(note),
				Figure.of(2, "freshness p50, 202 to SSE event (/api/statistics/stream) at " + rate + " req/s", "ms",
						stream.get(0), ""),
				Figure.of(2, "freshness p99, 202 to SSE event at " + rate + " req/s", "ms", stream.get(1),
						"p99 < 250 ms"));
	}

	private static long last(List<Freshness.Observation> observations) {
		synchronized (observations) {
			return observations.isEmpty() ? -1 : observations.get(observations.size() - 1).count();
		}
	}

}
