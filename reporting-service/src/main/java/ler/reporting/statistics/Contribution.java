package ler.reporting.statistics;

import java.util.LinkedHashMap;
import java.util.Map;

import ler.events.DecisionRecorded;
import ler.events.RequestSummary;
import ler.events.RequestReceived;

/**
 * What one event adds to the figures: a set of counter increments for one half-year.
 * Pure, and computed from the event alone, so the two streams may arrive in any order.
 *
 * <p>
 * Counter paths read {@code <service>.<dimension>.<value>.<metric>}; dimensions are
 * {@code all}, {@code country}, {@code process} and {@code customer}.
 */
public record Contribution(String period, Map<String, Long> increments) {

	public static final String REQUESTS = "requests";

	public static final String IDENTIFIERS = "identifiers";

	public static final String DECIDED = "decided";

	public static final String REDIRECTED = "redirected";

	public static Contribution of(RequestReceived event) {
		Map<String, Long> inc = new LinkedHashMap<>();
		for (String cell : cells(event.service(), event.agency().country(), event.legalProcess(),
				event.customerType())) {
			inc.put(cell + REQUESTS, 1L);
			inc.put(cell + IDENTIFIERS, (long) event.identifiers().size());
		}
		return new Contribution(Period.halfYearOf(event.receivedAt()), inc);
	}

	public static Contribution of(DecisionRecorded event) {
		RequestSummary request = event.request();
		Map<String, Long> inc = new LinkedHashMap<>();
		for (String cell : cells(request.service(), request.country(), request.legalProcess(),
				request.customerType())) {
			Outcome.of(event.previousDecision()).ifPresent((before) -> {
				inc.merge(cell + before.metric(), -1L, Long::sum);
				inc.merge(cell + DECIDED, -1L, Long::sum);
			});
			if ("REDIRECT_TO_CUSTOMER".equals(event.previousDecision())) {
				inc.merge(cell + REDIRECTED, -1L, Long::sum);
			}
			Outcome.of(event.decision()).ifPresent((after) -> {
				inc.merge(cell + after.metric(), 1L, Long::sum);
				inc.merge(cell + DECIDED, 1L, Long::sum);
			});
			if ("REDIRECT_TO_CUSTOMER".equals(event.decision())) {
				inc.merge(cell + REDIRECTED, 1L, Long::sum);
			}
		}
		inc.values().removeIf((v) -> v == 0L);
		return new Contribution(Period.halfYearOf(request.receivedAt()), inc);
	}

	private static String[] cells(String service, String country, String process, String customerType) {
		String prefix = segment(service) + ".";
		return new String[] { prefix + "all.total.", prefix + "country." + segment(country) + ".",
				prefix + "process." + segment(process) + ".", prefix + "customer." + segment(customerType) + "." };
	}

	/** Values become field names: keep them to characters MongoDB accepts in a path. */
	static String segment(String value) {
		if (value == null || value.isEmpty()) {
			return "UNKNOWN";
		}
		return value.replaceAll("[^A-Za-z0-9_-]", "_");
	}

}
