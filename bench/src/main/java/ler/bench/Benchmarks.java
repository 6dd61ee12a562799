package ler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ler.localstack.LocalStack;
import ler.localstack.faults.FaultSuite;

/**
 * The benchmark of issue 13 ({@code ./bench.sh}): starts its own local stack (broker,
 * store, identity provider and the three services, on free ports with a fresh data
 * directory, so a running {@code ./run.sh} is left alone), warms it, runs the selected
 * measurements (see {@link IntakeBench}, {@link FreshnessBench}, {@link RebuildBench},
 * {@link PipelineBench}, {@link ReadsBench}, {@link Footprint}), each figure the median
 * of {@code --runs} runs beside its in-run baseline, prints a markdown table and writes
 * it to {@code --output} (default {@code docs/benchmarks.md}) with the machine's details.
 * Options: {@link Options#USAGE}.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		Path root = Path.of(System.getProperty("ler.root", ".")).toAbsolutePath().normalize();
		List<Path> dataDirs = new ArrayList<>();
		LocalStack stack = newStack(root, dataDirs);
		Instant begun = Instant.now();
		System.out.println("Starting a stack of its own (data and logs in a fresh temporary directory)...");
		List<Figure> figures = new ArrayList<>();
		List<String> failures = new ArrayList<>();
		boolean failed = false;
		long started = System.nanoTime();
		Broker broker = null;
		Footprint footprint = null;
		try {
			stack.start();
			double stackStart = (System.nanoTime() - started) / 1e9;
			System.out.printf("Stack up in %.1f s%n", stackStart);
			broker = new Broker(stack);
			footprint = new Footprint(stack);
			Context context = new Context(stack, new Api(stack), broker, options, footprint);
			warmUp(context);
			Map<String, List<Double>> idle = new LinkedHashMap<>();
			for (int run = 1; run <= options.runs(); run++) {
				footprint.now().forEach((name, mb) -> idle.computeIfAbsent(name, (k) -> new ArrayList<>()).add(mb));
				if (run < options.runs()) {
					// idle memory is read from /proc, which has no change notice: one
					// sample a second apart per run, so the idle figure is a median of
					// samples, not of one instant
					Thread.sleep(1000);
				}
			}
			footprint.startLoad();
			Context first = context;
			measure(1, "intake", options, figures, failures, () -> new IntakeBench(first).run());
			measure(2, "freshness", options, figures, failures, () -> new FreshnessBench(first).run());
			measure(3, "projection rebuild", options, figures, failures, () -> new RebuildBench(first).run());
			measure(4, "full pipeline", options, figures, failures, () -> new PipelineBench(first).run());
			if (options.runs(5) && options.only().stream().anyMatch((n) -> n < 5)) {
				// measurements 1-4 leave hundreds of thousands of requests behind, and
				// measurement 5's levels start at 10,000: it gets a stack of its own,
				// started and warmed as the first was (memory peaks carry on)
				// its start-up and warm-up are not load, as the first stack's were not
				footprint.endLoad();
				System.out.println();
				System.out.println("Starting a fresh stack for measurement 5 (its levels count from its warm-up)...");
				broker.close();
				broker = null;
				stack.close();
				stack = newStack(root, dataDirs);
				stack.start();
				footprint.follow(stack);
				broker = new Broker(stack);
				context = new Context(stack, new Api(stack), broker, options, footprint);
				warmUp(context);
				footprint.startLoad();
			}
			Context fifth = context;
			measure(5, "report and queue latency", options, figures, failures, () -> new ReadsBench(fifth).run());
			footprint.endLoad();
			Footprint memory = footprint;
			measure(6, "memory and start-up", options, figures, failures, () -> {
				List<Figure> footprintFigures = new ArrayList<>();
				Map<String, Double> peaks = memory.peaks();
				idle.forEach((name, runs) -> footprintFigures
					.add(Figure.of(6, "RSS at idle, " + name, "MB", runs, isService(name) ? "< 300 MB" : "")));
				peaks.forEach((name,
						mb) -> footprintFigures.add(Figure
							.of(6, "RSS peak under load, " + name, "MB", List.of(mb), isService(name) ? "< 300 MB" : "")
							.withNote("the peak over measurements " + loadMeasurements(options) + ", one value")));
				memory.startUps(options.runs())
					.forEach((service, runs) -> footprintFigures
						.add(Figure.of(6, "start-up of " + service + " (to ready)", "s", runs, "")));
				footprintFigures.add(Figure
					.of(6, "start-up of the stack (broker, store, provider, services)", "s", List.of(stackStart), "")
					.withNote("measured once, at the benchmark's start"));
				return footprintFigures;
			});
		}
		catch (RuntimeException ex) {
			failed = true;
			failures.add("the stack: " + ex.getMessage());
			System.err.println("The benchmark failed: " + ex.getMessage() + " (logs kept in " + dataDirs + ")");
		}
		finally {
			if (footprint != null) {
				footprint.close();
			}
			if (broker != null) {
				broker.close();
			}
			stack.close();
		}
		figures.sort(Comparator.comparingInt(Figure::measurement));
		List<String> document = document(options, begun, figures, failures);
		System.out.println();
		Table.markdown(figures).forEach(System.out::println);
		failures.forEach((f) -> System.out.println("FAILED: " + f));
		Path output = options.output().isAbsolute() ? options.output() : root.resolve(options.output());
		Files.createDirectories(output.toAbsolutePath().getParent());
		Files.write(output, document);
		System.out.println("Written to "
				+ (output.toAbsolutePath().startsWith(root) ? root.relativize(output.toAbsolutePath()) : output));
		if (!failed && failures.isEmpty()) {
			dataDirs.forEach(Benchmarks::deleteRecursively);
		}
		else {
			System.out.println("Data and service logs kept for inspection in " + dataDirs);
		}
		System.exit(failures.isEmpty() ? 0 : 1);
	}

	/**
	 * A stack on free ports with a fresh temporary data directory (added to
	 * {@code dataDirs}), not started, closed when the benchmark's JVM exits.
	 */
	private static LocalStack newStack(Path root, List<Path> dataDirs) throws IOException {
		Path data = Files.createTempDirectory("ler-bench");
		dataDirs.add(data);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, FaultSuite.freePort());
		}
		ports.put(LocalStack.IDENTITY_PROVIDER, FaultSuite.freePort());
		return new LocalStack(new LocalStack.Settings(root, data, FaultSuite.freePort(), FaultSuite.freePort(),
				FaultSuite.freePort(), ports, null, null, Map.of()))
			// Ctrl-C or a kill of the benchmark stops its stack too
			.closeOnExit();
	}

	/** A measurement's body; its figures go into the table. */
	@FunctionalInterface
	private interface Measurement {

		List<Figure> run() throws Exception;

	}

	private static void measure(int number, String name, Options options, List<Figure> figures, List<String> failures,
			Measurement measurement) {
		if (!options.runs(number)) {
			return;
		}
		System.out.printf("%n%d. %s%n", number, name);
		long started = System.nanoTime();
		try {
			figures.addAll(measurement.run());
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			failures.add(number + ". " + name + ": " + ex);
			System.out.println("  FAILED: " + ex);
			ex.printStackTrace(System.out);
		}
		System.out.printf("  (%d. took %.0f s)%n", number, (System.nanoTime() - started) / 1e9);
	}

	/**
	 * Warms the JVMs before anything is measured (the first runs are 2-4x slower): intake
	 * submissions, the figures, the report and the queue, and the plain producer.
	 */
	private static void warmUp(Context context) {
		System.out.println("Warming up...");
		java.time.Duration warm = context.options().quick() ? java.time.Duration.ofSeconds(5)
				: java.time.Duration.ofSeconds(30);
		Api api = context.api();
		ClosedLoop.run(api.submission(false), 16, warm);
		ClosedLoop.run(api.submission(true), 16, warm.dividedBy(2));
		ClosedLoop.run(api.read("reporting-service", "/api/statistics"), 2, warm.dividedBy(5));
		ClosedLoop.run(api.read("reporting-service", "/api/reports/transparency?period=2012"), 2, warm.dividedBy(5));
		ClosedLoop.run(api.read("review-service", "/api/reviews?status=PENDING&limit=100"), 2, warm.dividedBy(5));
		context.broker().createTopics(IntakeBench.BASELINE_TOPIC);
		context.broker().producerThroughput(IntakeBench.BASELINE_TOPIC, FastPath.receivedSize(), 20_000);
	}

	private static List<String> document(Options options, Instant begun, List<Figure> figures, List<String> failures) {
		List<String> lines = new ArrayList<>();
		lines.add("# Benchmarks");
		lines.add("");
		if (options.quick()) {
			lines.add("> **Quick smoke run** (`./bench.sh --quick`): everything scaled down to check that the"
					+ " harness works end to end. These figures are NOT the benchmark: run `./bench.sh` on a quiet"
					+ " machine for that.");
			lines.add("");
		}
		lines.add("Written by `./bench.sh " + String.join(" ", arguments(options)) + "` (module `bench`,"
				+ " `ler.bench.Benchmarks`), started " + begun.truncatedTo(ChronoUnit.SECONDS) + ", took "
				+ java.time.Duration.between(begun, Instant.now()).toMinutes() + " min. Each figure is the median of"
				+ " its runs (listed); the baseline was measured in the same runs on the same machine; ratio ="
				+ " median / baseline median. Broker, store, identity provider and the three services ran on this"
				+ " machine as `./run.sh` starts them, and so did the load generator.");
		lines.add("");
		lines.add("## Machine");
		lines.add("");
		lines.addAll(Machine.describe());
		lines.add("");
		lines.add("## Figures");
		lines.add("");
		lines.addAll(Table.markdown(figures));
		if (!failures.isEmpty()) {
			lines.add("");
			lines.add("**Failed:**");
			failures.forEach((f) -> lines.add("- " + f));
		}
		lines.add("");
		lines.add("## What each measurement does");
		lines.add("");
		lines.add("1. **Intake**: saturation = 202s per second from a closed loop of N connections, without and"
				+ " with a fresh Idempotency-Key each; latency = an open-loop generator at a fixed arrival rate"
				+ " (scheduled by the clock, latency from the intended send time: no coordinated omission),"
				+ " HdrHistogram. Baselines: a plain KafkaProducer (acks=all, idempotent) with records of the size"
				+ " of intake's event, as fast as it goes, and driven by the same open-loop generator at the same"
				+ " rate, on a topic of its own.");
		lines.add("2. **Freshness**: intake open-loop at the given rate while one client polls `GET /api/statistics`"
				+ " back to back and one listens to `GET /api/statistics/stream`; the k-th 202 counts as visible"
				+ " at the first observation whose count grew by k.");
		lines.add("3. **Projection rebuild**: events written straight to topics of their own with the `events`"
				+ " codec (half `RequestReceived`, half `DecisionRecorded`), read by a second reporting instance"
				+ " with its own groups and database; `POST /api/projection/rebuild`, timed until its figures"
				+ " equal what was written (totals and every country, checked). Baseline: a plain KafkaConsumer"
				+ " reading the same topics from the start.");
		lines.add("4. **Full pipeline**: the 2012 replay through the HTTP APIs (submit, case, decide, second"
				+ " approval; a window of 1,000 requests submitted, then decided), new Idempotency-Keys each run;"
				+ " requests/s submitted and decided, and until reporting counted them all; per replayed request, the CPU time of each process (from `/proc`) and the"
				+ " store commands of each service (its `mongodb_driver_commands` counters), which the machine's"
				+ " load moves little and not at all.");
		lines.add("5. **Report and queue**: on a fresh stack of its own when measurements 1-4 ran before it,"
				+ " `ler.requests` topped up with `RequestReceived` events to each level, consumers caught up, then"
				+ " 4 closed-loop connections read the year's transparency report and counsel's queue"
				+ " (`status=PENDING&limit=100`).");
		lines.add("6. **Memory and start-up**: VmRSS of each process from `/proc` at idle and its peak under the"
				+ " load measurements; each service's start-up as one more instance to readiness; the stack's once.");
		lines.add("");
		return lines;
	}

	private static List<String> arguments(Options options) {
		List<String> arguments = new ArrayList<>();
		if (options.quick()) {
			arguments.add("--quick");
		}
		arguments.add("--runs " + options.runs());
		if (options.only().size() < 6) {
			arguments.add("--only " + String.join(",", options.only().stream().map(String::valueOf).toList()));
		}
		if (options.ids() == Options.Ids.RANDOM) {
			arguments.add("--ids random");
		}
		return arguments;
	}

	private static String loadMeasurements(Options options) {
		return String.join(", ", options.only().stream().filter((n) -> n < 6).map(String::valueOf).toList());
	}

	private static boolean isService(String name) {
		return name.endsWith("-service") || name.startsWith("reporting-");
	}

	private static void deleteRecursively(Path directory) {
		try (var paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			System.out.println("Could not delete " + directory + ": " + ex.getMessage());
		}
	}

}
