package ler.reporting.report;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import ler.events.DecisionRecorded;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.reporting.report.TransparencyReport.Entity;
import ler.reporting.statistics.Contribution;
import ler.reporting.statistics.Figures;
import ler.reporting.statistics.Figures.Row;
import ler.reporting.statistics.PeriodCounters;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * {@code suppressBelow}: a suppressed country appears nowhere in the report or its
 * exports (JSON, every CSV table, the zip), by name or by count, in any table, list or
 * map.
 */
class SuppressionTest {

	final Map<String, Long> counts = new HashMap<>();

	/**
	 * The 2012 shape in small: content went to the US and to BR, IE, CA and NZ; NZ made 2
	 * requests, under the threshold of 3.
	 */
	void the2012Shape() {
		requests("consumer", "US", "SEARCH_WARRANT", 5, "DISCLOSE_CONTENT");
		requests("consumer", "US", "SUBPOENA", 5, "DISCLOSE_NON_CONTENT");
		requests("consumer", "GB", "SUBPOENA", 8, "DISCLOSE_NON_CONTENT");
		requests("consumer", "TR", "COURT_ORDER", 5, "REJECT");
		for (String country : List.of("BR", "IE", "CA")) {
			requests("consumer", country, "MLAT", 1, "DISCLOSE_CONTENT");
			requests("consumer", country, "SUBPOENA", 2, "NO_DATA_FOUND");
		}
		requests("consumer", "CA", "SUBPOENA", 1, null);
		requests("consumer", "NZ", "COURT_ORDER", 1, "DISCLOSE_CONTENT");
		requests("consumer", "NZ", "EMERGENCY", 1, "DISCLOSE_NON_CONTENT");
		requests("skype", "GB", "SUBPOENA", 4, "DISCLOSE_NON_CONTENT");
		requests("skype", "US", "SUBPOENA", 3, "NO_DATA_FOUND");
	}

	@Test
	void aSuppressedCountryAppearsInNoTableListOrMapOfTheReportOrItsExports() throws Exception {
		the2012Shape();
		TransparencyReport report = report(5, 3);

		assertNowhere(report, "NZ", "New Zealand");
		for (Entity entity : entities(report)) {
			assertThat(entity.countries()).extracting(Row::key).doesNotContain("NZ");
			assertThat(entity.concentration().countries()).doesNotContain("NZ");
			assertThat(entity.contentDisclosures().otherCountries()).doesNotContainKey("NZ");
		}
		assertThat(report.countryNames()).doesNotContainKey("NZ").containsEntry("OTHER", "Other countries");
		// NZ's figures are only within OTHER, which sums to the totals with the rest
		Entity consumer = entity(report, "consumer");
		Row other = consumer.countries().get(consumer.countries().size() - 1);
		assertThat(other.key()).isEqualTo("OTHER");
		assertThat(other.requests()).isEqualTo(2);
		assertThat(other.outcomes().content().count()).isEqualTo(1);
		assertThat(consumer.countries().stream().mapToLong(Row::requests).sum())
			.isEqualTo(consumer.totals().requests());
		// the content table's "BR, IE, CA, NZ" list: NZ's disclosure only in OTHER
		assertThat(consumer.contentDisclosures().otherCountries()).containsExactly(entry("BR", 1L), entry("CA", 1L),
				entry("IE", 1L), entry("OTHER", 1L));
		assertThat(consumer.contentDisclosures().unitedStates()).isEqualTo(5);
		assertThat(consumer.contentDisclosures().restOfWorld()).isEqualTo(4);
		assertThat(CsvTables.table(report, "content")).doesNotContain("NZ")
			.contains("2012,consumer,other-country,OTHER,1");
		assertThat(report.notes()).anyMatch((note) -> note.contains("fewer than 3 requests"));
	}

	@Test
	void withoutSuppressionEveryCountryIsShown() throws Exception {
		the2012Shape();
		TransparencyReport report = report(50, 0);
		Entity consumer = entity(report, "consumer");
		assertThat(consumer.countries()).extracting(Row::key).contains("NZ").doesNotContain("OTHER");
		assertThat(consumer.contentDisclosures().otherCountries()).containsExactly(entry("BR", 1L), entry("CA", 1L),
				entry("IE", 1L), entry("NZ", 1L));
		assertThat(consumer.concentration().countries()).contains("NZ");
		assertThat(report.countryNames()).containsEntry("NZ", "New Zealand");
		assertThat(CsvTables.table(report, "countries")).contains("2012,consumer,NZ,New Zealand,2,");
	}

	/**
	 * A country over the threshold in one entity and under it in another is suppressed in
	 * every one: otherwise combined minus the shown entity gives the hidden count.
	 */
	@Test
	void aCountryUnderTheThresholdInOneEntityIsSuppressedInEveryEntity() throws Exception {
		the2012Shape();
		requests("consumer", "NZ", "SUBPOENA", 6, "DISCLOSE_NON_CONTENT");
		requests("skype", "NZ", "SUBPOENA", 2, "NO_DATA_FOUND");
		TransparencyReport report = report(50, 3);
		assertNowhere(report, "NZ", "New Zealand");
		assertThat(entity(report, "consumer").countries()).extracting(Row::key).endsWith("OTHER");
		assertThat(entity(report, "combined").countries()).extracting(Row::key).endsWith("OTHER");
		Row skypeOther = last(entity(report, "skype").countries());
		assertThat(skypeOther.key()).isEqualTo("OTHER");
		assertThat(skypeOther.requests()).isEqualTo(2);
	}

	/** Top-N concentration names only countries the report shows, even on small data. */
	@Test
	void theTopCountriesAreChosenAmongTheShownOnly() throws Exception {
		requests("consumer", "GB", "SUBPOENA", 10, "DISCLOSE_NON_CONTENT");
		requests("consumer", "NZ", "SUBPOENA", 2, "DISCLOSE_NON_CONTENT");
		requests("consumer", "DE", "SUBPOENA", 1, "DISCLOSE_NON_CONTENT");
		TransparencyReport report = report(5, 3);
		assertNowhere(report, "NZ", "New Zealand");
		assertNowhere(report, "DE", "Germany");
		for (Entity entity : entities(report)) {
			assertThat(entity.concentration().countries()).containsExactly("GB");
			assertThat(entity.concentration().requests().count()).isEqualTo(10);
			assertThat(entity.concentration().nonContent().count()).isEqualTo(10);
		}
	}

	/** With the US suppressed, the US / rest-of-world split would show its count. */
	@Test
	void aSuppressedUnitedStatesLeavesNoUsVersusRestSplit() throws Exception {
		requests("consumer", "US", "SEARCH_WARRANT", 2, "DISCLOSE_CONTENT");
		requests("consumer", "BR", "MLAT", 4, "DISCLOSE_CONTENT");
		TransparencyReport report = report(5, 3);
		assertNowhere(report, "US", "United States");
		Entity consumer = entity(report, "consumer");
		assertThat(consumer.contentDisclosures().unitedStates()).isNull();
		assertThat(consumer.contentDisclosures().restOfWorld()).isNull();
		assertThat(consumer.contentDisclosures().total().count()).isEqualTo(6);
		assertThat(consumer.contentDisclosures().otherCountries()).containsExactly(entry("BR", 4L), entry("OTHER", 2L));
		assertThat(CsvTables.table(report, "content")).doesNotContain("rest-of-world");
	}

	private void assertNowhere(TransparencyReport report, String code, String name) throws IOException {
		Map<String, String> exports = new LinkedHashMap<>();
		exports.put("JSON", JsonMapper.builder().build().writeValueAsString(report));
		for (String table : CsvTables.TABLES) {
			exports.put(table + ".csv", CsvTables.table(report, table));
		}
		try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(CsvTables.zip(report)))) {
			for (ZipEntry file = zip.getNextEntry(); file != null; file = zip.getNextEntry()) {
				exports.put("zip " + file.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(exports).hasSize(1 + 2 * CsvTables.TABLES.size());
		exports.forEach((export, text) -> assertThat(text).as(export)
			.doesNotContain("\"" + code + "\"", "," + code + ",", name));
	}

	private TransparencyReport report(int topN, int suppressBelow) {
		return TransparencyReport.of("2012", Figures.sum(List.of(new PeriodCounters("2012-H1", 1, this.counts))), topN,
				suppressBelow);
	}

	private void requests(String service, String country, String process, int n, String decision) {
		for (int i = 0; i < n; i++) {
			RequestReceived r = new RequestReceived(UUID.randomUUID(),
					new RequestReceived.Agency("Agency", country, "liaison@agency.gov"), service, "CONSUMER", process,
					List.of(new RequestReceived.Identifier("EMAIL", "user@example.com")),
					Instant.parse("2012-03-01T00:00:00Z"), Instant.parse("2012-03-01T00:00:00Z"));
			add(Contribution.of(r));
			if (decision != null) {
				add(Contribution.of(new DecisionRecorded(r.requestId(), decision, "reason", "counsel",
						r.receivedAt().plusSeconds(3600), null,
						new RequestSummary(country, service, "CONSUMER", process, 1, r.receivedAt()))));
			}
		}
	}

	private void add(Contribution contribution) {
		contribution.increments().forEach((path, count) -> this.counts.merge(path, count, Long::sum));
	}

	private static List<Entity> entities(TransparencyReport report) {
		List<Entity> all = new ArrayList<>(report.entities());
		all.add(report.combined());
		return all;
	}

	private static Entity entity(TransparencyReport report, String name) {
		return entities(report).stream().filter((e) -> e.entity().equals(name)).findFirst().orElseThrow();
	}

	private static Row last(List<Row> rows) {
		return rows.get(rows.size() - 1);
	}

}
