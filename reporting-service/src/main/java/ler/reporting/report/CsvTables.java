package ler.reporting.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ler.reporting.report.TransparencyReport.Entity;
import ler.reporting.statistics.Figures.Row;

/** The report as machine-readable CSV tables (RFC 4180), one file per table. */
final class CsvTables {

	static final List<String> TABLES = List.of("countries", "content", "concentration", "enterprise", "emergency",
			"legal-process");

	private CsvTables() {
	}

	static String table(TransparencyReport report, String table) {
		List<List<Object>> rows = new ArrayList<>();
		switch (table) {
			case "countries" -> {
				rows.add(List.of("period", "entity", "country_code", "country_name", "requests",
						"accounts_or_identifiers", "content", "content_pct", "non_content", "non_content_pct",
						"no_data_found", "no_data_found_pct", "rejected", "rejected_pct", "pending", "withdrawn"));
				for (Entity entity : entities(report)) {
					for (Row row : entity.countries()) {
						rows.add(outcomeRow(report, entity, row, row.key(),
								report.countryNames().getOrDefault(row.key(), row.key())));
					}
					rows.add(outcomeRow(report, entity, entity.totals(), "TOTAL", "Total"));
				}
			}
			case "legal-process" -> {
				rows.add(List.of("period", "entity", "legal_process", "requests", "accounts_or_identifiers", "content",
						"content_pct", "non_content", "non_content_pct", "no_data_found", "no_data_found_pct",
						"rejected", "rejected_pct", "pending", "withdrawn"));
				for (Entity entity : entities(report)) {
					for (Row row : entity.byLegalProcess()) {
						List<Object> line = outcomeRow(report, entity, row, row.key(), null);
						line.remove(3);
						rows.add(line);
					}
				}
			}
			case "content" -> {
				rows.add(List.of("period", "entity", "dimension", "key", "content_disclosures"));
				for (Entity entity : entities(report)) {
					rows.add(List.of(report.period(), entity.entity(), "total", "all",
							entity.contentDisclosures().total().count()));
					// absent when the US is suppressed: the split would show its count
					if (entity.contentDisclosures().unitedStates() != null) {
						rows.add(List.of(report.period(), entity.entity(), "country", "US",
								entity.contentDisclosures().unitedStates()));
						rows.add(List.of(report.period(), entity.entity(), "country", "rest-of-world",
								entity.contentDisclosures().restOfWorld()));
					}
					entity.contentDisclosures()
						.otherCountries()
						.forEach((country, count) -> rows
							.add(List.of(report.period(), entity.entity(), "other-country", country, count)));
					entity.contentDisclosures()
						.byLegalProcess()
						.forEach((process, count) -> rows
							.add(List.of(report.period(), entity.entity(), "legal-process", process, count)));
				}
			}
			case "concentration" -> {
				rows.add(List.of("period", "entity", "top_n", "countries", "requests", "share_of_requests_pct",
						"non_content", "share_of_non_content_pct"));
				for (Entity entity : entities(report)) {
					TransparencyReport.Concentration c = entity.concentration();
					rows.add(List.of(report.period(), entity.entity(), c.topN(), String.join(" ", c.countries()),
							c.requests().count(), c.requests().percent(), c.nonContent().count(),
							c.nonContent().percent()));
				}
			}
			case "enterprise" -> {
				TransparencyReport.Enterprise e = report.enterprise();
				rows.add(List.of("period", "received", "rejected_or_redirected", "redirected", "disclosed",
						"disclosed_with_consent", "disclosed_under_contract", "no_data_found", "pending"));
				rows.add(List.of(report.period(), e.received(), e.rejectedOrRedirected(), e.redirected(), e.disclosed(),
						e.disclosedWithConsent(), e.disclosedUnderContract(), e.noDataFound(), e.pending()));
			}
			case "emergency" -> {
				rows.add(List.of("period", "entity", "requests", "content", "non_content", "no_data_found", "rejected",
						"pending"));
				for (Entity entity : entities(report)) {
					Row r = entity.emergency();
					rows.add(List.of(report.period(), entity.entity(), r.requests(), r.outcomes().content().count(),
							r.outcomes().nonContent().count(), r.outcomes().noDataFound().count(),
							r.outcomes().rejected().count(), r.pending()));
				}
			}
			default -> throw new IllegalArgumentException(table);
		}
		StringBuilder csv = new StringBuilder();
		for (List<Object> row : rows) {
			for (int i = 0; i < row.size(); i++) {
				csv.append((i == 0) ? "" : ",").append(cell(row.get(i)));
			}
			csv.append("\r\n");
		}
		return csv.toString();
	}

	/** Every table, as one zip file. */
	static byte[] zip(TransparencyReport report) {
		Map<String, String> files = new LinkedHashMap<>();
		for (String table : TABLES) {
			files.put("transparency-" + report.period() + "-" + table + ".csv", table(report, table));
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
			for (Map.Entry<String, String> file : files.entrySet()) {
				zip.putNextEntry(new ZipEntry(file.getKey()));
				zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
				zip.closeEntry();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	private static List<Entity> entities(TransparencyReport report) {
		List<Entity> all = new ArrayList<>(report.entities());
		all.add(report.combined());
		return all;
	}

	private static List<Object> outcomeRow(TransparencyReport report, Entity entity, Row row, String code,
			String name) {
		return new ArrayList<>(java.util.Arrays.asList(report.period(), entity.entity(), code, name, row.requests(),
				row.identifiers(), row.outcomes().content().count(), row.outcomes().content().percent(),
				row.outcomes().nonContent().count(), row.outcomes().nonContent().percent(),
				row.outcomes().noDataFound().count(), row.outcomes().noDataFound().percent(),
				row.outcomes().rejected().count(), row.outcomes().rejected().percent(), row.pending(),
				row.withdrawn()));
	}

	private static String cell(Object value) {
		String text = String.valueOf(value);
		if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
			return "\"" + text.replace("\"", "\"\"") + "\"";
		}
		return text;
	}

}
