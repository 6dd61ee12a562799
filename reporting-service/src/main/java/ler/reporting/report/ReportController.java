package ler.reporting.report;

import java.util.List;

import ler.reporting.statistics.Figures;
import ler.reporting.statistics.InvalidQueryException;
import ler.reporting.statistics.Period;
import ler.reporting.statistics.ProjectionStore;
import reactor.core.publisher.Mono;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The transparency report: JSON, or CSV ({@code Accept: text/csv}, one table per request)
 * or a zip of every table ({@code Accept: application/zip}).
 */
@RestController
@RequestMapping("/api/reports/transparency")
class ReportController {

	static final String TEXT_CSV = "text/csv";

	static final String APPLICATION_ZIP = "application/zip";

	private final ProjectionStore store;

	ReportController(ProjectionStore store) {
		this.store = store;
	}

	/**
	 * @param period a year such as {@code 2012}, a half-year such as {@code 2012-H1}, or
	 * {@code all}
	 * @param topN how many countries the concentration figures cover
	 * @param suppressBelow fold countries with fewer requests into OTHER (0: off)
	 */
	@GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	Mono<TransparencyReport> report(@RequestParam String period, @RequestParam(defaultValue = "5") int topN,
			@RequestParam(defaultValue = "0") int suppressBelow) {
		return build(period, topN, suppressBelow);
	}

	/**
	 * @param table one of countries, content, concentration, enterprise, emergency,
	 * legal-process
	 */
	@GetMapping(produces = TEXT_CSV)
	Mono<ResponseEntity<String>> csv(@RequestParam String period, @RequestParam(defaultValue = "5") int topN,
			@RequestParam(defaultValue = "0") int suppressBelow,
			@RequestParam(defaultValue = "countries") String table) {
		if (!CsvTables.TABLES.contains(table)) {
			return Mono.error(new InvalidQueryException("table", "one-of", "table must be one of " + CsvTables.TABLES));
		}
		return build(period, topN, suppressBelow).map((report) -> ResponseEntity.ok()
			.contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("transparency-" + report.period() + "-" + table + ".csv")
						.build()
						.toString())
			.body(CsvTables.table(report, table)));
	}

	@GetMapping(produces = APPLICATION_ZIP)
	Mono<ResponseEntity<byte[]>> zip(@RequestParam String period, @RequestParam(defaultValue = "5") int topN,
			@RequestParam(defaultValue = "0") int suppressBelow) {
		return build(period, topN, suppressBelow).map((report) -> ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(APPLICATION_ZIP))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment()
						.filename("transparency-" + report.period() + ".zip")
						.build()
						.toString())
			.body(CsvTables.zip(report)));
	}

	private Mono<TransparencyReport> build(String period, int topN, int suppressBelow) {
		Period parsed = Period.require(period);
		if (topN < 1 || topN > 50) {
			return Mono.error(new InvalidQueryException("topN", "range", "topN must be between 1 and 50"));
		}
		if (suppressBelow < 0 || suppressBelow > 1_000_000) {
			return Mono.error(new InvalidQueryException("suppressBelow", "range",
					"suppressBelow must be between 0 (off) and 1000000"));
		}
		return this.store.counters(parsed.halfYears())
			.collectList()
			.map((docs) -> TransparencyReport.of(parsed.label(), Figures.sum(docs), topN, suppressBelow));
	}

}
