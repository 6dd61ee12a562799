package ler.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import ler.reporting.statistics.Figures;
import ler.reporting.statistics.Figures.Figure;
import ler.reporting.statistics.Figures.Row;

/**
 * The transparency report of a period, in the shapes of the published reports (Microsoft
 * 2012, Google, the OTI/Berkman template): per reporting entity (service) and combined.
 * Built from the projection's counters only, so it costs time proportional to the number
 * of countries.
 */
public record TransparencyReport(String period, List<String> notes, Entity combined, List<Entity> entities,
		Enterprise enterprise, Map<String, String> countryNames) {

	static final String COMBINED = "combined";

	static final String OTHER = "OTHER";

	/**
	 * One reporting entity's tables.
	 *
	 * @param countries one row per country, most requests first
	 * @param noDataDisclosed no data found plus rejected
	 * @param emergency the outcomes of emergency requests
	 */
	public record Entity(String entity, Row totals, List<Row> countries, Figure noDataDisclosed,
			ContentDisclosures contentDisclosures, Concentration concentration, List<Row> byLegalProcess,
			Row emergency) {
	}

	/**
	 * @param unitedStates content disclosures to US agencies
	 * @param restOfWorld to all other countries, listed in {@code otherCountries}
	 */
	public record ContentDisclosures(Figure total, long unitedStates, long restOfWorld,
			Map<String, Long> otherCountries, Map<String, Long> byLegalProcess) {
	}

	/**
	 * The share of requests and of non-content disclosures made by the top N countries by
	 * requests.
	 */
	public record Concentration(int topN, List<String> countries, Figure requests, Figure nonContent) {
	}

	/**
	 * Requests about enterprise customers (organisations over 50 seats), all entities
	 * together.
	 */
	public record Enterprise(long received, long rejectedOrRedirected, long redirected, long disclosed,
			long disclosedWithConsent, long disclosedUnderContract, long noDataFound, long pending) {
	}

	static TransparencyReport of(String period, Figures figures, int topN, int suppressBelow) {
		List<Entity> entities = new ArrayList<>();
		for (String service : figures.services()) {
			entities.add(entity(service, figures, service, topN, suppressBelow));
		}
		Row enterprise = figures.rows(null, "customer")
			.stream()
			.filter((r) -> r.key().equals("ENTERPRISE"))
			.findFirst()
			.orElse(Figures.Row.empty("ENTERPRISE"));
		Map<String, String> names = new TreeMap<>();
		figures.rows(null, "country").forEach((r) -> names.put(r.key(), name(r.key())));
		List<String> notes = new ArrayList<>(List.of(
				"A request counts in the period of its receivedAt (UTC); half-years end on 30 June and 31 December.",
				"Content, Non-content, No data found and Rejected are mutually exclusive and add up to the decided requests; percentages are of the row's requests.",
				"Pending requests (not yet decided) and withdrawn requests are excluded from the outcome split and shown apart.",
				"Preservation requests are counted apart and never in the request totals; a disclosure that follows one is counted under the legal process that follows.",
				"A redirect of the agency to the enterprise customer discloses nothing and counts as Rejected.",
				"Accounts/identifiers: the number of accounts or other identifiers the requests specified."));
		if (suppressBelow > 0) {
			notes.add("Countries with fewer than " + suppressBelow + " requests are folded into OTHER.");
		}
		return new TransparencyReport(period, notes, entity(COMBINED, figures, null, topN, suppressBelow), entities,
				new Enterprise(enterprise.requests(), enterprise.outcomes().rejected().count(), enterprise.redirected(),
						enterprise.outcomes().content().count() + enterprise.outcomes().nonContent().count(),
						enterprise.disclosedWithConsent(), enterprise.disclosedUnderContract(),
						enterprise.outcomes().noDataFound().count(), enterprise.pending()),
				names);
	}

	private static Entity entity(String label, Figures figures, String service, int topN, int suppressBelow) {
		Row totals = figures.total(service).withKey("TOTAL");
		List<Row> countries = figures.rows(service, "country");
		List<Row> processes = figures.rows(service, "process");
		long content = totals.outcomes().content().count();
		Map<String, Long> otherCountries = new LinkedHashMap<>();
		countries.stream()
			.filter((r) -> !r.key().equals("US") && r.outcomes().content().count() > 0)
			.sorted(Comparator.comparing(Row::key))
			.forEach((r) -> otherCountries.put(r.key(), r.outcomes().content().count()));
		long us = countries.stream()
			.filter((r) -> r.key().equals("US"))
			.mapToLong((r) -> r.outcomes().content().count())
			.sum();
		Map<String, Long> byProcess = new LinkedHashMap<>();
		processes.stream()
			.filter((r) -> r.outcomes().content().count() > 0)
			.forEach((r) -> byProcess.put(r.key(), r.outcomes().content().count()));
		List<Row> top = countries.stream().limit(topN).toList();
		long topRequests = top.stream().mapToLong(Row::requests).sum();
		long topNonContent = top.stream().mapToLong((r) -> r.outcomes().nonContent().count()).sum();
		Row emergency = processes.stream()
			.filter((r) -> r.key().equals("EMERGENCY"))
			.findFirst()
			.orElse(Figures.Row.empty("EMERGENCY"));
		return new Entity(label, totals, suppress(countries, suppressBelow),
				Figure.of(totals.outcomes().noDataFound().count() + totals.outcomes().rejected().count(),
						totals.requests()),
				new ContentDisclosures(Figure.of(content, totals.requests()), us, content - us, otherCountries,
						byProcess),
				new Concentration(topN, top.stream().map(Row::key).toList(), Figure.of(topRequests, totals.requests()),
						Figure.of(topNonContent, totals.outcomes().nonContent().count())),
				processes, emergency);
	}

	/**
	 * Folds countries under the threshold into one OTHER row (publication rule, off by
	 * default).
	 */
	private static List<Row> suppress(List<Row> countries, int below) {
		if (below <= 0) {
			return countries;
		}
		List<Row> kept = new ArrayList<>();
		List<Row> folded = new ArrayList<>();
		for (Row row : countries) {
			(row.requests() < below ? folded : kept).add(row);
		}
		if (!folded.isEmpty()) {
			kept.add(Figures.Row.sum(OTHER, folded));
		}
		return kept;
	}

	static String name(String countryCode) {
		String name = new Locale("", countryCode).getDisplayCountry(Locale.ENGLISH);
		return (name.isEmpty() || name.equals(countryCode)) ? countryCode : name;
	}

}
