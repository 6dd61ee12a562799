package ler.reporting.statistics;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Received-to-decided time as a histogram with fixed bounds, so it sums exactly across
 * partitions and instances like every other counter. Percentiles are read as the upper
 * bound of the bucket that holds them: "the median decision took at most 2 days".
 */
public final class DecisionTime {

	/** Upper bounds in seconds, 1 minute to 2 years; later decisions count as OVER. */
	static final List<Long> BOUNDS = List.of(60L, 300L, 900L, 1800L, 3600L, 2 * 3600L, 4 * 3600L, 8 * 3600L, 12 * 3600L,
			86400L, 2 * 86400L, 3 * 86400L, 5 * 86400L, 7 * 86400L, 10 * 86400L, 14 * 86400L, 21 * 86400L, 30 * 86400L,
			45 * 86400L, 60 * 86400L, 90 * 86400L, 180 * 86400L, 365 * 86400L, 730 * 86400L);

	static final String OVER = "over";

	private DecisionTime() {
	}

	/** The bucket's label, a field name: {@code le<seconds>} or {@code over}. */
	public static String bucketOf(Duration elapsed) {
		long seconds = Math.max(0, elapsed.getSeconds());
		for (long bound : BOUNDS) {
			if (seconds <= bound) {
				return "le" + bound;
			}
		}
		return OVER;
	}

	/**
	 * @param count decisions measured
	 * @param medianAtMostSeconds upper bound of the median's bucket; null when there are
	 * no decisions or it lies beyond the last bound
	 * @param p95AtMostSeconds the same for the 95th percentile
	 * @param longestBoundSeconds the last bound, for "more than" when a percentile is
	 * null
	 */
	public record Summary(long count, Long medianAtMostSeconds, Long p95AtMostSeconds, long longestBoundSeconds) {
	}

	/** Percentiles from bucket counts keyed by {@link #bucketOf} labels. */
	public static Summary summarize(Map<String, Long> buckets) {
		long count = buckets.values().stream().mapToLong(Long::longValue).sum();
		return new Summary(count, percentile(buckets, count, 50), percentile(buckets, count, 95),
				BOUNDS.get(BOUNDS.size() - 1));
	}

	private static Long percentile(Map<String, Long> buckets, long count, int percent) {
		if (count == 0) {
			return null;
		}
		// the smallest bound with at least percent% of the decisions at or below it
		long rank = (count * percent + 99) / 100;
		long seen = 0;
		for (long bound : BOUNDS) {
			seen += buckets.getOrDefault("le" + bound, 0L);
			if (seen >= rank) {
				return bound;
			}
		}
		return null;
	}

}
