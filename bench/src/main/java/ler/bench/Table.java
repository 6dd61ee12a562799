package ler.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures as a markdown table. */
final class Table {

	private Table() {
	}

	static List<String> markdown(List<Figure> figures) {
		List<String> lines = new ArrayList<>();
		lines.add("| # | what | median | runs | in-run baseline (median) | ratio | goal |");
		lines.add("| --- | --- | --- | --- | --- | --- | --- |");
		for (Figure figure : figures) {
			// a baseline rate counts Kafka records, whatever the figure counts
			String baseline = (figure.baselineWhat() == null) ? "—"
					: figure.baselineWhat() + ": " + figure.format(figure.baselineMedian())
						.replace(figure.unit(), figure.unit().endsWith("/s") ? "records/s" : figure.unit());
			double ratio = figure.ratio();
			String ratioText = Double.isNaN(ratio) ? "—" : String.format(Locale.ROOT, "%.3g", ratio);
			String what = figure.what() + (figure.note().isEmpty() ? "" : " (" + figure.note() + ")");
			lines.add("| " + figure.measurement() + " | " + what + " | " + figure.format(figure.median()) + " | "
					+ figure.runsText() + " | " + baseline + " | " + ratioText + " | "
					+ (figure.goal().isEmpty() ? "" : figure.goal()) + " |");
		}
		return lines;
	}

}
