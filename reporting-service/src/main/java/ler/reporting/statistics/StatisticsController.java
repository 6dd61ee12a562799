package ler.reporting.statistics;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/statistics")
class StatisticsController {

	private final ProjectionStore store;

	StatisticsController(ProjectionStore store) {
		this.store = store;
	}

	/**
	 * @param period {@code all} (default), a year such as {@code 2012}, or a half-year
	 * such as {@code 2012-H1}
	 */
	@GetMapping
	Mono<Statistics> statistics(@RequestParam(defaultValue = "all") String period) {
		Period parsed = Period.require(period);
		return this.store.counters(parsed.halfYears())
			.collectList()
			.map((docs) -> Statistics.of(parsed, Figures.sum(docs)));
	}

}
