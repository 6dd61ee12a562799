package ler.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import ler.localstack.LocalStack;
import ler.localstack.replay.Plan2012;
import ler.localstack.replay.Replay2012;

/**
 * Measurement 4, the full pipeline: {@link Replay2012} at {@code --replay-scale} through
 * the public HTTP APIs (submit, await the case, verify when needed, decide, second
 * approval for four-eyes decisions), each run with Idempotency-Keys of its own so it
 * submits the year again. Figures: requests submitted and decided per second (the
 * replay's own measure), and per second until reporting counted every one of them decided
 * in 2012. No baseline (the goal is absolute: 1,000 requests/s).
 */
final class PipelineBench {

	private final Context context;

	PipelineBench(Context context) {
		this.context = context;
	}

	List<Figure> run() throws Exception {
		Options options = this.context.options();
		LocalStack.Settings settings = this.context.stack().settings();
		List<Plan2012.Request> plan = Plan2012.plan(options.replayScale());
		String prefix = "bench-" + UUID.randomUUID().toString().substring(0, 8) + "-";
		long decidedBefore = decided2012();
		List<Double> decided = new ArrayList<>();
		List<Double> counted = new ArrayList<>();
		for (int run = 1; run <= options.runs(); run++) {
			Replay2012 replay = new Replay2012(settings.url("intake-service"), settings.url("review-service"),
					settings.url("reporting-service"), options.replayConcurrency(), settings.issuer(),
					prefix + run + "-");
			long started = System.nanoTime();
			Duration took = replay.replay(plan);
			long expected = decidedBefore + (long) run * plan.size();
			Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
			while (decided2012() < expected) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException(
							"reporting did not count the replay's decisions: " + decided2012() + " of " + expected);
				}
				// the figures converge asynchronously: poll them
				Thread.sleep(200);
			}
			double untilCounted = (System.nanoTime() - started) / 1e9;
			decided.add(plan.size() / (took.toNanos() / 1e9));
			counted.add(plan.size() / untilCounted);
			Context.progress("run %d: replayed %,d requests in %.1f s (%.0f/s), all counted after %.1f s", run,
					plan.size(), took.toNanos() / 1e9, plan.size() / (took.toNanos() / 1e9), untilCounted);
		}
		String what = String.format(java.util.Locale.ROOT, "full pipeline, replay of 2012 at scale %s (%,d requests)",
				options.replayScale(), plan.size());
		return List.of(Figure.of(4, what + ", submitted and decided", "req/s", decided, ">= 1,000 req/s"),
				Figure.of(4, what + ", until counted by reporting", "req/s", counted, ""));
	}

	private long decided2012() throws Exception {
		return this.context.api()
			.get("reporting-service", "/api/statistics?period=2012")
			.path("totals")
			.path("decided")
			.asLong();
	}

}
