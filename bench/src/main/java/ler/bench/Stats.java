package ler.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and ratios of repeated runs. */
final class Stats {

	private Stats() {
	}

	/**
	 * The median of the values (the mean of the two middle ones for an even count); NaN
	 * for none. NaN values (a run that could not measure) are left out.
	 */
	static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>();
		for (Double value : values) {
			if (value != null && !value.isNaN()) {
				sorted.add(value);
			}
		}
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		Collections.sort(sorted);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** measured / baseline, or NaN when either is missing or the baseline is zero. */
	static double ratio(double measured, double baseline) {
		if (Double.isNaN(measured) || Double.isNaN(baseline) || baseline == 0) {
			return Double.NaN;
		}
		return measured / baseline;
	}

}
