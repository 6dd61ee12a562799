package ler.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * in 2012. No baseline (the goal is absolute: 1,000 requests/s). Beside them, per
 * replayed request (from the start of a run until reporting counted it): the CPU time,
 * milliseconds, of each of the stack's processes and the load generator and of all
 * together, which moves less than a rate when other work shares the machine (10-20 %
 * between runs here, where rates moved by a factor of two between days); and the store
 * commands of each service and of all (the sum of its {@code mongodb_driver_commands}
 * counters), a count the machine's load does not move at all.
 */
final class PipelineBench {

	private static final String ALL = "all processes";

	private static final String ALL_SERVICES = "all services";

	private static final String COMMANDS = "mongodb_driver_commands_seconds_count{";

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
		Map<String, List<Double>> cpu = new TreeMap<>();
		Map<String, List<Double>> commands = new TreeMap<>();
		for (int run = 1; run <= options.runs(); run++) {
			Replay2012 replay = new Replay2012(settings.url("intake-service"), settings.url("review-service"),
					settings.url("reporting-service"), options.replayConcurrency(), settings.issuer(),
					prefix + run + "-");
			Map<String, Double> cpuBefore = this.context.footprint().cpuSeconds();
			Map<String, Double> commandsBefore = storeCommands();
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
			perRequest(cpuBefore, this.context.footprint().cpuSeconds(), 1000.0 / plan.size(), cpu, ALL);
			perRequest(commandsBefore, storeCommands(), 1.0 / plan.size(), commands, ALL_SERVICES);
			decided.add(plan.size() / (took.toNanos() / 1e9));
			counted.add(plan.size() / untilCounted);
			Context.progress("run %d: replayed %,d requests in %.1f s (%.0f/s), all counted after %.1f s", run,
					plan.size(), took.toNanos() / 1e9, plan.size() / (took.toNanos() / 1e9), untilCounted);
		}
		String what = String.format(java.util.Locale.ROOT, "full pipeline, replay of 2012 at scale %s (%,d requests)",
				options.replayScale(), plan.size());
		List<Figure> figures = new ArrayList<>(
				List.of(Figure.of(4, what + ", submitted and decided", "req/s", decided, ">= 1,000 req/s"),
						Figure.of(4, what + ", until counted by reporting", "req/s", counted, "")));
		// 1,000 requests/s on 2 cores leaves 2 ms of CPU per request for everything
		figures.add(Figure.of(4, "full pipeline, CPU per replayed request, " + ALL, "ms", cpu.remove(ALL),
				"<= 2 ms (1,000 req/s on 2 cores)"));
		cpu.forEach((process, runs) -> figures
			.add(Figure.of(4, "full pipeline, CPU per replayed request, " + process, "ms", runs, "")));
		figures.add(Figure.of(4, "full pipeline, store commands per replayed request, " + ALL_SERVICES, "commands",
				commands.remove(ALL_SERVICES), ""));
		commands.forEach((service, runs) -> figures
			.add(Figure.of(4, "full pipeline, store commands per replayed request, " + service, "commands", runs, "")));
		return figures;
	}

	/**
	 * Adds to {@code runs} each name's growth from {@code before} to {@code after} times
	 * {@code scale}, and their sum under {@code all}; a name missing before (a process
	 * started meanwhile) is left out.
	 */
	private static void perRequest(Map<String, Double> before, Map<String, Double> after, double scale,
			Map<String, List<Double>> runs, String all) {
		double sum = 0;
		for (Map.Entry<String, Double> now : after.entrySet()) {
			Double then = before.get(now.getKey());
			if (then != null) {
				double grown = (now.getValue() - then) * scale;
				runs.computeIfAbsent(now.getKey(), (k) -> new ArrayList<>()).add(grown);
				sum += grown;
			}
		}
		runs.computeIfAbsent(all, (k) -> new ArrayList<>()).add(sum);
	}

	/**
	 * The store commands each service has sent since it started: the sum of its
	 * {@code mongodb_driver_commands_seconds_count} series (every command, collection and
	 * outcome), from its Prometheus endpoint.
	 */
	private Map<String, Double> storeCommands() throws Exception {
		Map<String, Double> sent = new TreeMap<>();
		for (String service : LocalStack.SERVICES) {
			double sum = 0;
			for (String line : this.context.api().text(service, "/actuator/prometheus").split("\n")) {
				if (line.startsWith(COMMANDS)) {
					sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
				}
			}
			sent.put(service, sum);
		}
		return sent;
	}

	private long decided2012() throws Exception {
		return this.context.api()
			.get("reporting-service", "/api/statistics?period=2012")
			.path("totals")
			.path("decided")
			.asLong();
	}

}
