package ler.reporting.statistics;

import java.util.List;
import java.util.Map;

/**
 * The counters one store document holds for one half-year, as the store hands them out:
 * flat paths ({@code <service>.<dimension>.<value>.<metric>}, see {@link Contribution})
 * to counts, and the document's version, which moves forward with every change applied to
 * it.
 *
 * @param period the half-year, e.g. {@code 2012-H1}
 * @param version how many changes the document has taken
 * @param counts path -> count
 */
public record PeriodCounters(String period, long version, Map<String, Long> counts) {

	public PeriodCounters {
		counts = Map.copyOf(counts);
	}

	/**
	 * Which state of the figures the given documents show: every applied change moves one
	 * document's version forward, so equal fingerprints mean equal figures, and the
	 * fingerprint is the same on every instance that reads the same documents.
	 */
	public static String fingerprintOf(List<PeriodCounters> documents) {
		long sum = 0;
		for (PeriodCounters counters : documents) {
			sum += counters.version();
		}
		return sum + "-" + documents.size();
	}

}
