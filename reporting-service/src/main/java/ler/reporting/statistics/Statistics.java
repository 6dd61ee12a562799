package ler.reporting.statistics;

import java.util.Comparator;
import java.util.List;

/** The answer to {@code GET /api/statistics}: live figures, never identifiers. */
public record Statistics(String period, Figures.Row totals, List<Figures.Row> byService, List<Figures.Row> byCountry,
		List<Figures.Row> byLegalProcess, List<Figures.Row> byCustomerType) {

	public static Statistics of(Period period, Figures figures) {
		return new Statistics(period.label(), figures.total(null),
				figures.services()
					.stream()
					.map((service) -> figures.total(service).withKey(service))
					.sorted(Comparator.comparingLong(Figures.Row::requests).reversed())
					.toList(),
				figures.rows(null, "country"), figures.rows(null, "process"), figures.rows(null, "customer"));
	}

}
