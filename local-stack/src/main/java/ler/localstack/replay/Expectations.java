package ler.localstack.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What the transparency report must show after a replay, computed from the plan alone,
 * and the comparison with what it does show.
 */
public final class Expectations {

	/** The figures of one table row. */
	record Cell(long requests, long identifiers, long content, long nonContent, long noDataFound, long rejected) {

		Cell plus(Plan2012.Request r) {
			String bucket = r.outcome().bucket();
			return new Cell(this.requests + 1, this.identifiers + r.identifiers(),
					this.content + (bucket.equals("content") ? 1 : 0),
					this.nonContent + (bucket.equals("nonContent") ? 1 : 0),
					this.noDataFound + (bucket.equals("noDataFound") ? 1 : 0),
					this.rejected + (bucket.equals("rejected") ? 1 : 0));
		}

		static Cell of(JsonNode row) {
			JsonNode o = row.get("outcomes");
			return new Cell(row.get("requests").asLong(), row.get("identifiers").asLong(),
					o.get("content").get("count").asLong(), o.get("nonContent").get("count").asLong(),
					o.get("noDataFound").get("count").asLong(), o.get("rejected").get("count").asLong());
		}

	}

	static final Cell EMPTY = new Cell(0, 0, 0, 0, 0, 0);

	/** entity (service or combined) -> country (or TOTAL) -> figures */
	private final Map<String, Map<String, Cell>> tables = new TreeMap<>();

	private long enterprise;

	private long enterpriseRejectedOrRedirected;

	private long enterpriseWithConsent;

	private long enterpriseUnderContract;

	private Expectations() {
	}

	public static Expectations of(List<Plan2012.Request> plan) {
		Expectations e = new Expectations();
		for (Plan2012.Request r : plan) {
			for (String entity : List.of(r.service(), "combined")) {
				Map<String, Cell> table = e.tables.computeIfAbsent(entity, (k) -> new TreeMap<>());
				table.merge(r.country(), EMPTY.plus(r), (a, b) -> a.plus(r));
				table.merge("TOTAL", EMPTY.plus(r), (a, b) -> a.plus(r));
			}
			if (r.outcome().enterprise()) {
				e.enterprise++;
				switch (r.outcome()) {
					case ENTERPRISE_REDIRECTED, ENTERPRISE_REJECTED -> e.enterpriseRejectedOrRedirected++;
					case ENTERPRISE_CONTENT_WITH_CONSENT -> e.enterpriseWithConsent++;
					case ENTERPRISE_NON_CONTENT_UNDER_CONTRACT -> e.enterpriseUnderContract++;
					default -> {
					}
				}
			}
		}
		return e;
	}

	/** Every figure of the report that differs from the plan; empty when they agree. */
	public List<String> compare(JsonNode report) {
		List<String> differences = new ArrayList<>();
		this.tables.forEach((entity, expected) -> {
			JsonNode node = entity(report, entity);
			if (node == null) {
				differences.add("no entity " + entity + " in the report");
				return;
			}
			expect(differences, entity + " TOTAL", expected.get("TOTAL"), Cell.of(node.get("totals")));
			if (node.get("totals").get("pending").asLong() != 0) {
				differences.add(entity + ": " + node.get("totals").get("pending") + " requests still pending");
			}
			Map<String, Cell> actual = new TreeMap<>();
			node.get("countries").valueStream().forEach((row) -> actual.put(row.get("key").asString(), Cell.of(row)));
			expected.forEach((country, cell) -> {
				if (!country.equals("TOTAL")) {
					expect(differences, entity + " " + country, cell, actual.getOrDefault(country, EMPTY));
				}
			});
			actual.keySet()
				.stream()
				.filter((country) -> !expected.containsKey(country))
				.forEach((country) -> differences.add(entity + ": unexpected country " + country));
			List<String> top = expected.entrySet()
				.stream()
				.filter((c) -> !c.getKey().equals("TOTAL"))
				.sorted(Comparator.comparingLong((Map.Entry<String, Cell> c) -> c.getValue().requests())
					.reversed()
					.thenComparing(Map.Entry::getKey))
				.limit(5)
				.map(Map.Entry::getKey)
				.toList();
			List<String> reported = node.get("concentration")
				.get("countries")
				.valueStream()
				.map(JsonNode::asString)
				.toList();
			if (!reported.equals(top)) {
				differences.add(entity + ": top five " + reported + ", planned " + top);
			}
		});
		JsonNode e = report.get("enterprise");
		expect(differences, "enterprise received", this.enterprise, e.get("received").asLong());
		expect(differences, "enterprise rejected or redirected", this.enterpriseRejectedOrRedirected,
				e.get("rejectedOrRedirected").asLong());
		expect(differences, "enterprise disclosed with consent", this.enterpriseWithConsent,
				e.get("disclosedWithConsent").asLong());
		expect(differences, "enterprise disclosed under contract", this.enterpriseUnderContract,
				e.get("disclosedUnderContract").asLong());
		return differences;
	}

	private static JsonNode entity(JsonNode report, String entity) {
		if (entity.equals("combined")) {
			return report.get("combined");
		}
		return report.get("entities")
			.valueStream()
			.filter((n) -> n.get("entity").asString().equals(entity))
			.findFirst()
			.orElse(null);
	}

	private static void expect(List<String> differences, String what, Object expected, Object actual) {
		if (!expected.equals(actual)) {
			differences.add(what + ": report " + actual + ", plan " + expected);
		}
	}

	/** The figures the published report leads with, as the replayed report shows them. */
	public static String headline(JsonNode report) {
		JsonNode combined = report.get("combined");
		JsonNode consumer = report.get("entities")
			.valueStream()
			.filter((n) -> n.get("entity").asString().equals("consumer"))
			.findFirst()
			.orElseThrow();
		JsonNode skype = report.get("entities")
			.valueStream()
			.filter((n) -> n.get("entity").asString().equals("skype"))
			.findFirst()
			.orElseThrow();
		JsonNode e = report.get("enterprise");
		return String.join("\n", "The 2012 transparency report as replayed:",
				"  all services:          %,d requests, %,d accounts/identifiers".formatted(
						combined.get("totals").get("requests").asLong(),
						combined.get("totals").get("identifiers").asLong()),
				"  Microsoft excl. Skype: %,d requests, %,d accounts; content %,d (%s%% of all requests); non-content %,d; no data disclosed %,d"
					.formatted(consumer.get("totals").get("requests").asLong(),
							consumer.get("totals").get("identifiers").asLong(),
							combined.get("contentDisclosures").get("total").get("count").asLong(),
							combined.get("contentDisclosures").get("total").get("percent").asString(),
							consumer.get("totals").get("outcomes").get("nonContent").get("count").asLong(),
							consumer.get("noDataDisclosed").get("count").asLong()),
				"  top five %s: %s%% of requests, %s%% of non-content".formatted(
						consumer.get("concentration").get("countries"),
						consumer.get("concentration").get("requests").get("percent").asString(),
						consumer.get("concentration").get("nonContent").get("percent").asString()),
				"  Skype: %,d requests, %,d accounts; top five %s: %s%%".formatted(
						skype.get("totals").get("requests").asLong(), skype.get("totals").get("identifiers").asLong(),
						skype.get("concentration").get("countries"),
						skype.get("concentration").get("requests").get("percent").asString()),
				"  enterprise: %d requests; %d rejected or redirected; %d disclosed (%d with consent, %d under contract)"
					.formatted(e.get("received").asLong(), e.get("rejectedOrRedirected").asLong(),
							e.get("disclosed").asLong(), e.get("disclosedWithConsent").asLong(),
							e.get("disclosedUnderContract").asLong()));
	}

}
