package ler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the table: a figure measured in each run, the in-run baseline it is compared
 * with (measured in the same runs, on the same machine), and the goal.
 *
 * @param measurement the measurement's number in issue 13 (1 to 6)
 * @param what what was measured, e.g. "intake, 16 connections, with Idempotency-Key"
 * @param unit e.g. {@code req/s}, {@code ms}, {@code MB}, {@code s}
 * @param runs the figure of each run (NaN: that run could not measure it)
 * @param baselineWhat what the baseline is, or null for none
 * @param baselineRuns the baseline of each run, empty for none
 * @param goal the goal for this figure, or empty
 * @param note what a reader must know about this figure (e.g. an incomplete run), or
 * empty
 */
record Figure(int measurement, String what, String unit, List<Double> runs, String baselineWhat,
		List<Double> baselineRuns, String goal, String note) {

	Figure {
		runs = List.copyOf(runs);
		baselineRuns = List.copyOf(baselineRuns);
	}

	static Figure of(int measurement, String what, String unit, List<Double> runs, String goal) {
		return new Figure(measurement, what, unit, runs, null, List.of(), goal, "");
	}

	Figure withBaseline(String baselineWhat, List<Double> baselineRuns) {
		return new Figure(this.measurement, this.what, this.unit, this.runs, baselineWhat, baselineRuns, this.goal,
				this.note);
	}

	Figure withNote(String note) {
		return new Figure(this.measurement, this.what, this.unit, this.runs, this.baselineWhat, this.baselineRuns,
				this.goal, note);
	}

	double median() {
		return Stats.median(this.runs);
	}

	double baselineMedian() {
		return Stats.median(this.baselineRuns);
	}

	/** measured / baseline (NaN without a baseline). */
	double ratio() {
		return Stats.ratio(median(), baselineMedian());
	}

	String format(double value) {
		if (Double.isNaN(value)) {
			return "n/a";
		}
		String number = (Math.abs(value) >= 100) ? String.format(Locale.ROOT, "%,.0f", value)
				: String.format(Locale.ROOT, "%.1f", value);
		return number + " " + this.unit;
	}

	/** The run values as written in the table, e.g. {@code 368 / 371 / 360}. */
	String runsText() {
		List<String> parts = new ArrayList<>();
		for (Double run : this.runs) {
			parts.add(Double.isNaN(run) ? "n/a" : (Math.abs(run) >= 100) ? String.format(Locale.ROOT, "%,.0f", run)
					: String.format(Locale.ROOT, "%.1f", run));
		}
		return String.join(" / ", parts);
	}

}
