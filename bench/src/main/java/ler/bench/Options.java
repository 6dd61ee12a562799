package ler.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import ler.events.TimeOrderedIds;

/**
 * The benchmark's options, from the command line. {@code --quick} scales everything down
 * to a smoke run of a few minutes; any option given as well overrides its quick value.
 *
 * @param runs runs per figure (each figure is their median)
 * @param only the measurements to run (1 to 6)
 * @param duration how long each load run lasts
 * @param connections closed-loop connection counts for intake's saturation
 * @param rates open-loop arrival rates for intake's latency, requests/s
 * @param inFlight open-loop connections (operations outstanding at most)
 * @param freshnessRate arrival rate during the freshness measurement, requests/s
 * @param events events written for the projection rebuild
 * @param levels requests in the system at which report and queue are read (measurement 5
 * runs on a stack of its own when measurements 1-4 ran; the warm-up's requests, about
 * 10,000, count toward the first level)
 * @param replayScale the replay's scale (1 = the whole of 2012, 75,378 requests)
 * @param replayConcurrency the replay's concurrent pipelines
 * @param catchUp how long to wait for consumers to catch up with the fast path
 * @param output the markdown file written
 * @param quick whether this is a smoke run (said in the output)
 * @param ids how the fast path (measurements 3 and 5) mints request and event ids:
 * {@code time-ordered} as the services do ({@link TimeOrderedIds}, the default) or
 * {@code random} (version 4, as before ADR 14), to compare the two in one run
 */
record Options(int runs, Set<Integer> only, Duration duration, List<Integer> connections, List<Integer> rates,
		int inFlight, int freshnessRate, long events, List<Long> levels, double replayScale, int replayConcurrency,
		Duration catchUp, Path output, boolean quick, Ids ids) {

	/** How the fast path mints ids. */
	enum Ids {

		TIME_ORDERED(TimeOrderedIds::next), RANDOM(UUID::randomUUID);

		private final Supplier<UUID> minter;

		Ids(Supplier<UUID> minter) {
			this.minter = minter;
		}

		/** A fresh id of this kind. */
		UUID next() {
			return this.minter.get();
		}

		static Ids parse(String value) {
			return switch (value) {
				case "time-ordered" -> TIME_ORDERED;
				case "random" -> RANDOM;
				default -> throw new IllegalArgumentException("--ids is time-ordered or random, not " + value);
			};
		}

	}

	static final String USAGE = """
			./bench.sh [--quick] [--runs 3] [--only 1,2,3,4,5,6] [--duration 30] [--connections 16,64]
			           [--rates 1000,5000] [--in-flight 256] [--freshness-rate 1000] [--events 1000000]
			           [--levels 10000,100000,1000000] [--replay-scale 0.1] [--replay-concurrency 24]
			           [--catch-up-minutes 180] [--output docs/benchmarks.md] [--ids time-ordered|random]
			measurements: 1 intake, 2 freshness, 3 projection rebuild, 4 full pipeline (replay),
			              5 report and queue latency, 6 memory and start-up""";

	/**
	 * @throws IllegalArgumentException for an unknown option or a bad value
	 */
	static Options parse(String... args) {
		boolean quick = List.of(args).contains("--quick");
		Map<String, String> values = new LinkedHashMap<>();
		values.put("--runs", quick ? "1" : "3");
		values.put("--only", "1,2,3,4,5,6");
		values.put("--duration", quick ? "4" : "30");
		values.put("--connections", quick ? "16" : "16,64");
		values.put("--rates", quick ? "50,200" : "1000,5000");
		values.put("--in-flight", quick ? "64" : "256");
		values.put("--freshness-rate", quick ? "50" : "1000");
		values.put("--events", quick ? "4000" : "1000000");
		values.put("--levels", quick ? "5000,8000" : "10000,100000,1000000");
		values.put("--replay-scale", quick ? "0.01" : "0.1");
		values.put("--replay-concurrency", quick ? "8" : "24");
		values.put("--catch-up-minutes", quick ? "5" : "180");
		values.put("--output", "docs/benchmarks.md");
		values.put("--ids", "time-ordered");
		for (int i = 0; i < args.length; i++) {
			if (args[i].equals("--quick")) {
				continue;
			}
			if (!values.containsKey(args[i]) || i + 1 >= args.length) {
				throw new IllegalArgumentException("unknown option or missing value: " + args[i]);
			}
			values.put(args[i], args[++i]);
		}
		int runs = Integer.parseInt(values.get("--runs"));
		if (runs < 1) {
			throw new IllegalArgumentException("--runs must be at least 1");
		}
		Set<Integer> only = new LinkedHashSet<>();
		for (String n : values.get("--only").split(",")) {
			int measurement = Integer.parseInt(n.trim());
			if (measurement < 1 || measurement > 6) {
				throw new IllegalArgumentException("--only names measurements 1 to 6, not " + measurement);
			}
			only.add(measurement);
		}
		return new Options(runs, only, Duration.ofSeconds(Long.parseLong(values.get("--duration"))),
				ints(values.get("--connections")), ints(values.get("--rates")),
				Integer.parseInt(values.get("--in-flight")), Integer.parseInt(values.get("--freshness-rate")),
				Long.parseLong(values.get("--events")), longs(values.get("--levels")),
				Double.parseDouble(values.get("--replay-scale")), Integer.parseInt(values.get("--replay-concurrency")),
				Duration.ofMinutes(Long.parseLong(values.get("--catch-up-minutes"))), Path.of(values.get("--output")),
				quick, Ids.parse(values.get("--ids")));
	}

	boolean runs(int measurement) {
		return this.only.contains(measurement);
	}

	private static List<Integer> ints(String csv) {
		List<Integer> list = new ArrayList<>();
		for (String part : csv.split(",")) {
			list.add(Integer.parseInt(part.trim()));
		}
		return list;
	}

	private static List<Long> longs(String csv) {
		List<Long> list = new ArrayList<>();
		for (String part : csv.split(",")) {
			list.add(Long.parseLong(part.trim().replace("_", "")));
		}
		return list;
	}

}
