package ler.bench;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * How long after its 202 a request shows in the figures. The figures are counts, so the
 * k-th 202 of a run (in the order they arrived) is taken to be visible at the first
 * observation whose count is at least k above the count before the run; its freshness is
 * that observation's arrival time minus the 202's, or zero when it was already counted.
 * Pure, so it is unit-tested.
 */
final class Freshness {

	/**
	 * One look at the figures: when it arrived ({@link System#nanoTime()}) and the count.
	 */
	record Observation(long nanos, long count) {
	}

	private Freshness() {
	}

	/**
	 * @param accepted the arrival times of the run's 202s ({@link System#nanoTime()})
	 * @param baseCount the count before the run
	 * @param observations the observations, in arrival order
	 * @return freshness of each 202 seen in the figures, microseconds; a 202 never seen
	 * is left out ({@link #unseen} counts those)
	 */
	static Histogram of(List<Long> accepted, long baseCount, List<Observation> observations) {
		List<Long> sorted = new ArrayList<>(accepted);
		sorted.sort(null);
		Histogram histogram = new Histogram(3);
		int next = 0;
		for (int k = 1; k <= sorted.size(); k++) {
			while (next < observations.size() && observations.get(next).count() - baseCount < k) {
				next++;
			}
			if (next == observations.size()) {
				break;
			}
			long delay = observations.get(next).nanos() - sorted.get(k - 1);
			histogram.recordValue(Math.max(0, delay / 1000));
		}
		return histogram;
	}

	/** How many of the 202s no observation shows. */
	static long unseen(List<Long> accepted, long baseCount, List<Observation> observations) {
		long highest = observations.stream().mapToLong(Observation::count).max().orElse(baseCount) - baseCount;
		return Math.max(0, accepted.size() - highest);
	}

}
