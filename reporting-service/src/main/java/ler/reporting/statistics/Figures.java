package ler.reporting.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Summed counters of a period, by (service, dimension, value). Built from the counter
 * documents, so its cost is proportional to partitions x countries, never to requests.
 */
public final class Figures {

	/** service -> dimension -> value -> metric -> count */
	private final Map<String, Map<String, Map<String, Map<String, Long>>>> cube = new TreeMap<>();

	/**
	 * The figures of the given counter documents, summed.
	 * @throws IllegalArgumentException for a counter path that is not
	 * {@code service.dimension.value.metric}
	 */
	public static Figures sum(List<PeriodCounters> counterDocuments) {
		Figures figures = new Figures();
		for (PeriodCounters counters : counterDocuments) {
			counters.counts().forEach((path, count) -> {
				String[] parts = path.split("\\.", -1);
				if (parts.length != 4) {
					throw new IllegalArgumentException("not a counter path: " + path);
				}
				figures.cube.computeIfAbsent(parts[0], (k) -> new TreeMap<>())
					.computeIfAbsent(parts[1], (k) -> new TreeMap<>())
					.computeIfAbsent(parts[2], (k) -> new TreeMap<>())
					.merge(parts[3], count, Long::sum);
			});
		}
		return figures;
	}

	public List<String> services() {
		return List.copyOf(this.cube.keySet());
	}

	/** Rows of one dimension, for one service or (service null) all services combined. */
	public List<Row> rows(String service, String dimension) {
		Map<String, Map<String, Long>> combined = new TreeMap<>();
		this.cube.forEach((s, dimensions) -> {
			if (service == null || service.equals(s)) {
				dimensions.getOrDefault(dimension, Map.of())
					.forEach((value, metrics) -> metrics
						.forEach((metric, count) -> combined.computeIfAbsent(value, (k) -> new TreeMap<>())
							.merge(metric, count, Long::sum)));
			}
		});
		return combined.entrySet()
			.stream()
			.map((e) -> Row.of(e.getKey(), e.getValue()))
			.sorted(Comparator.comparingLong(Row::requests).reversed().thenComparing(Row::key))
			.toList();
	}

	/**
	 * One metric of a per-service series (e.g. requests by {@code receivedOn} day), all
	 * services combined, in key order.
	 */
	public Map<String, Long> series(String dimension, String metric) {
		Map<String, Long> series = new TreeMap<>();
		this.cube.values()
			.forEach((dimensions) -> dimensions.getOrDefault(dimension, Map.of()).forEach((value, metrics) -> {
				Long count = metrics.get(metric);
				if (count != null) {
					series.merge(value, count, Long::sum);
				}
			}));
		return series;
	}

	public Row total(String service) {
		List<Row> rows = rows(service, "all");
		return rows.isEmpty() ? Row.of("total", Map.of()) : rows.get(0);
	}

	/**
	 * One line of a table: a country, a service, a legal process, ... {@code pending} are
	 * the requests neither decided nor withdrawn, {@code overdue} those of them past
	 * their answer deadline; preservations are counted apart, never in {@code requests}.
	 */
	public record Row(String key, long requests, long identifiers, long pending, long overdue, long decided,
			Outcomes outcomes, long redirected, long withdrawn, long preservations, long disclosedWithConsent,
			long disclosedUnderContract) {

		static Row of(String key, Map<String, Long> metrics) {
			long requests = metrics.getOrDefault(Contribution.REQUESTS, 0L);
			long decided = metrics.getOrDefault(Contribution.DECIDED, 0L);
			long withdrawn = metrics.getOrDefault(Contribution.WITHDRAWN, 0L);
			return new Row(key, requests, metrics.getOrDefault(Contribution.IDENTIFIERS, 0L),
					Math.max(0, requests - decided - withdrawn), metrics.getOrDefault(Contribution.OVERDUE, 0L),
					decided,
					new Outcomes(figure(metrics, Outcome.CONTENT, requests),
							figure(metrics, Outcome.NON_CONTENT, requests),
							figure(metrics, Outcome.NO_DATA_FOUND, requests),
							figure(metrics, Outcome.REJECTED, requests)),
					metrics.getOrDefault(Contribution.REDIRECTED, 0L), withdrawn,
					metrics.getOrDefault(Contribution.PRESERVATIONS, 0L),
					metrics.getOrDefault(Contribution.WITH_CONSENT, 0L),
					metrics.getOrDefault(Contribution.UNDER_CONTRACT, 0L));
		}

		public static Row empty(String key) {
			return of(key, Map.of());
		}

		/** One row for several, e.g. the countries folded into OTHER. */
		public static Row sum(String key, List<Row> rows) {
			Map<String, Long> metrics = new java.util.HashMap<>();
			for (Row r : rows) {
				metrics.merge(Contribution.REQUESTS, r.requests(), Long::sum);
				metrics.merge(Contribution.IDENTIFIERS, r.identifiers(), Long::sum);
				metrics.merge(Contribution.DECIDED, r.decided(), Long::sum);
				metrics.merge(Contribution.OVERDUE, r.overdue(), Long::sum);
				metrics.merge(Contribution.WITHDRAWN, r.withdrawn(), Long::sum);
				metrics.merge(Contribution.REDIRECTED, r.redirected(), Long::sum);
				metrics.merge(Contribution.PRESERVATIONS, r.preservations(), Long::sum);
				metrics.merge(Contribution.WITH_CONSENT, r.disclosedWithConsent(), Long::sum);
				metrics.merge(Contribution.UNDER_CONTRACT, r.disclosedUnderContract(), Long::sum);
				metrics.merge(Outcome.CONTENT.metric(), r.outcomes().content().count(), Long::sum);
				metrics.merge(Outcome.NON_CONTENT.metric(), r.outcomes().nonContent().count(), Long::sum);
				metrics.merge(Outcome.NO_DATA_FOUND.metric(), r.outcomes().noDataFound().count(), Long::sum);
				metrics.merge(Outcome.REJECTED.metric(), r.outcomes().rejected().count(), Long::sum);
			}
			return of(key, metrics);
		}

		public Row withKey(String newKey) {
			return new Row(newKey, this.requests, this.identifiers, this.pending, this.overdue, this.decided,
					this.outcomes, this.redirected, this.withdrawn, this.preservations, this.disclosedWithConsent,
					this.disclosedUnderContract);
		}

		private static Figure figure(Map<String, Long> metrics, Outcome outcome, long requests) {
			return Figure.of(metrics.getOrDefault(outcome.metric(), 0L), requests);
		}

	}

	/** The four mutually exclusive buckets of decided requests. */
	public record Outcomes(Figure content, Figure nonContent, Figure noDataFound, Figure rejected) {
	}

	/** A count and its share of the row's requests, in percent with one decimal. */
	public record Figure(long count, BigDecimal percent) {

		public static Figure of(long count, long of) {
			return new Figure(count, percent(count, of));
		}

		static BigDecimal percent(long count, long of) {
			if (of == 0) {
				return BigDecimal.ZERO.setScale(1);
			}
			return BigDecimal.valueOf(count * 100L).divide(BigDecimal.valueOf(of), 1, RoundingMode.HALF_UP);
		}

	}

}
