package ler.reporting.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import ler.reporting.statistics.Contribution;
import ler.reporting.statistics.DecisionTime;
import ler.reporting.statistics.Figures;
import ler.reporting.statistics.Period;
import ler.reporting.statistics.Statistics;

/**
 * What the dashboard shows for one period, never identifiers: the statistics, requests
 * per day received, first decisions per day made, and decision time.
 *
 * @param updatedAt when this instance read these figures from the store
 */
public record Dashboard(String period, Instant updatedAt, Statistics statistics, List<Point> requestsPerDay,
		List<Point> decisionsPerDay, DecisionTime.Summary decisionTime) {

	/** A count on a UTC day. */
	public record Point(String day, long count) {
	}

	static Dashboard of(Period period, Figures figures, Instant readAt) {
		return new Dashboard(period.label(), readAt, Statistics.of(period, figures),
				points(figures.series(Contribution.RECEIVED_ON, Contribution.REQUESTS)),
				points(figures.series(Contribution.DECIDED_ON, Contribution.DECIDED)),
				DecisionTime.summarize(figures.series(Contribution.DECISION_TIME, Contribution.DECIDED)));
	}

	private static List<Point> points(Map<String, Long> series) {
		return series.entrySet().stream().map((e) -> new Point(e.getKey(), e.getValue())).toList();
	}

}
