package ler.reporting.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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

	static final String OTHER_NAME = "Other countries";

	static final String US = "US";

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
	 * @param unitedStates content disclosures to US agencies; null when the US is
	 * suppressed, as the split would show its count
	 * @param restOfWorld to all other countries, listed in {@code otherCountries}; null
	 * when the US is suppressed
	 * @param otherCountries by country, outside the US; suppressed countries only within
	 * {@code OTHER}
	 */
	public record ContentDisclosures(Figure total, Long unitedStates, Long restOfWorld,
			Map<String, Long> otherCountries, Map<String, Long> byLegalProcess) {
	}

	/**
	 * The share of requests and of non-content disclosures made by the top N countries by
	 * requests; suppressed countries are never among them.
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

	/**
	 * @param suppressBelow countries with fewer requests than this in any reporting
	 * entity appear in no table, list or map of the report, by name or by count; they are
	 * summed in OTHER (0: off)
	 */
	static TransparencyReport of(String period, Figures figures, int topN, int suppressBelow) {
		Set<String> suppressed = suppressed(figures, suppressBelow);
		List<Entity> entities = new ArrayList<>();
		for (String service : figures.services()) {
			entities.add(entity(service, figures, service, topN, suppressed));
		}
		Row enterprise = figures.rows(null, "customer")
			.stream()
			.filter((r) -> r.key().equals("ENTERPRISE"))
			.findFirst()
			.orElse(Figures.Row.empty("ENTERPRISE"));
		Map<String, String> names = new TreeMap<>();
		figures.rows(null, "country")
			.stream()
			.filter((r) -> !suppressed.contains(r.key()))
			.forEach((r) -> names.put(r.key(), name(r.key())));
		if (!suppressed.isEmpty()) {
			names.put(OTHER, OTHER_NAME);
		}
		List<String> notes = new ArrayList<>(List.of(
				"A request counts in the period of its receivedAt (UTC); half-years end on 30 June and 31 December.",
				"Content, Non-content, No data found and Rejected are mutually exclusive and add up to the decided requests; percentages are of the row's requests.",
				"Pending requests (not yet decided) and withdrawn requests are excluded from the outcome split and shown apart.",
				"Preservation requests are counted apart and never in the request totals; a disclosure that follows one is counted under the legal process that follows.",
				"A redirect of the agency to the enterprise customer discloses nothing and counts as Rejected.",
				"Accounts/identifiers: the number of accounts or other identifiers the requests specified."));
		if (suppressBelow > 0) {
			notes.add("Countries with fewer than " + suppressBelow
					+ " requests in any reporting entity are folded into OTHER in every table and list of this report, "
					+ "so that no table, and no difference between tables, shows them.");
		}
		return new TransparencyReport(period, notes, entity(COMBINED, figures, null, topN, suppressed), entities,
				new Enterprise(enterprise.requests(), enterprise.outcomes().rejected().count(), enterprise.redirected(),
						enterprise.outcomes().content().count() + enterprise.outcomes().nonContent().count(),
						enterprise.disclosedWithConsent(), enterprise.disclosedUnderContract(),
						enterprise.outcomes().noDataFound().count(), enterprise.pending()),
				names);
	}

	/**
	 * The countries under the threshold in any entity (or combined). One set for the
	 * whole report: a country shown in one entity and folded in another could be read off
	 * as the difference from the combined table.
	 */
	private static Set<String> suppressed(Figures figures, int below) {
		Set<String> suppressed = new TreeSet<>();
		if (below <= 0) {
			return suppressed;
		}
		List<String> scopes = new ArrayList<>(figures.services());
		scopes.add(null);
		for (String service : scopes) {
			figures.rows(service, "country")
				.stream()
				.filter((r) -> r.requests() < below)
				.forEach((r) -> suppressed.add(r.key()));
		}
		return suppressed;
	}

	private static Entity entity(String label, Figures figures, String service, int topN, Set<String> suppressed) {
		Row totals = figures.total(service).withKey("TOTAL");
		List<Row> countries = fold(figures.rows(service, "country"), suppressed);
		List<Row> processes = figures.rows(service, "process");
		long content = totals.outcomes().content().count();
		// OTHER last, after the named countries in order
		Map<String, Long> otherCountries = new LinkedHashMap<>();
		countries.stream()
			.filter((r) -> !r.key().equals(US) && !r.key().equals(OTHER) && r.outcomes().content().count() > 0)
			.sorted(Comparator.comparing(Row::key))
			.forEach((r) -> otherCountries.put(r.key(), r.outcomes().content().count()));
		countries.stream()
			.filter((r) -> r.key().equals(OTHER) && r.outcomes().content().count() > 0)
			.forEach((r) -> otherCountries.put(OTHER, r.outcomes().content().count()));
		Long us = null;
		Long restOfWorld = null;
		if (!suppressed.contains(US)) {
			us = countries.stream()
				.filter((r) -> r.key().equals(US))
				.mapToLong((r) -> r.outcomes().content().count())
				.sum();
			restOfWorld = content - us;
		}
		Map<String, Long> byProcess = new LinkedHashMap<>();
		processes.stream()
			.filter((r) -> r.outcomes().content().count() > 0)
			.forEach((r) -> byProcess.put(r.key(), r.outcomes().content().count()));
		List<Row> top = countries.stream().filter((r) -> !r.key().equals(OTHER)).limit(topN).toList();
		long topRequests = top.stream().mapToLong(Row::requests).sum();
		long topNonContent = top.stream().mapToLong((r) -> r.outcomes().nonContent().count()).sum();
		Row emergency = processes.stream()
			.filter((r) -> r.key().equals("EMERGENCY"))
			.findFirst()
			.orElse(Figures.Row.empty("EMERGENCY"));
		return new Entity(label, totals, countries,
				Figure.of(totals.outcomes().noDataFound().count() + totals.outcomes().rejected().count(),
						totals.requests()),
				new ContentDisclosures(Figure.of(content, totals.requests()), us, restOfWorld, otherCountries,
						byProcess),
				new Concentration(topN, top.stream().map(Row::key).toList(), Figure.of(topRequests, totals.requests()),
						Figure.of(topNonContent, totals.outcomes().nonContent().count())),
				processes, emergency);
	}

	/**
	 * Folds the suppressed countries into one OTHER row, last (publication rule, off by
	 * default).
	 */
	private static List<Row> fold(List<Row> countries, Set<String> suppressed) {
		if (suppressed.isEmpty()) {
			return countries;
		}
		List<Row> kept = new ArrayList<>();
		List<Row> folded = new ArrayList<>();
		for (Row row : countries) {
			(suppressed.contains(row.key()) ? folded : kept).add(row);
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
