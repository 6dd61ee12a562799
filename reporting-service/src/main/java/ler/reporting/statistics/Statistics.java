package ler.reporting.statistics;

import java.util.List;

/** The answer to {@code GET /api/statistics}: live figures, never identifiers. */
public record Statistics(String period, Figures.Row totals, List<Figures.Row> byService, List<Figures.Row> byCountry,
		List<Figures.Row> byLegalProcess, List<Figures.Row> byCustomerType) {

	static Statistics of(Period period, Figures figures) {
		return new Statistics(period.label(), figures.total(null),
				figures.services()
					.stream()
					.map((service) -> new Figures.Row(service, figures.total(service).requests(),
							figures.total(service).identifiers(), figures.total(service).pending(),
							figures.total(service).decided(), figures.total(service).outcomes(),
							figures.total(service).redirected()))
					.sorted(java.util.Comparator.comparingLong(Figures.Row::requests).reversed())
					.toList(),
				figures.rows(null, "country"), figures.rows(null, "process"), figures.rows(null, "customer"));
	}

}
