package ler.reporting.statistics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import ler.events.CaseWithdrawn;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.RequestReceived;
import ler.events.RequestSummary;

/**
 * What one event adds to the figures: a set of counter increments for one half-year.
 * Pure, and computed from the event alone, so the two streams may arrive in any order.
 *
 * <p>
 * Counter paths read {@code <service>.<dimension>.<value>.<metric>}; dimensions are
 * {@code all}, {@code country}, {@code process} and {@code customer}. Preservation
 * requests count only as {@code preservations}: they are not requests in the report's
 * totals, and a disclosure that follows one is counted under the legal process that
 * follows.
 */
public record Contribution(String period, Map<String, Long> increments) {

	public static final String REQUESTS = "requests";

	public static final String IDENTIFIERS = "identifiers";

	public static final String DECIDED = "decided";

	public static final String REDIRECTED = "redirected";

	public static final String WITHDRAWN = "withdrawn";

	public static final String PRESERVATIONS = "preservations";

	public static final String WITH_CONSENT = "disclosedWithConsent";

	public static final String UNDER_CONTRACT = "disclosedUnderContract";

	static final String PRESERVATION = "PRESERVATION";

	public static Contribution of(RequestReceived event) {
		Map<String, Long> inc = new LinkedHashMap<>();
		for (String cell : cells(event.service(), event.agency().country(), event.legalProcess(),
				event.customerType())) {
			if (PRESERVATION.equals(event.legalProcess())) {
				inc.put(cell + PRESERVATIONS, 1L);
			}
			else {
				inc.put(cell + REQUESTS, 1L);
				inc.put(cell + IDENTIFIERS, (long) event.identifiers().size());
			}
		}
		return new Contribution(Period.halfYearOf(event.receivedAt()), inc);
	}

	public static Contribution of(DecisionRecorded event) {
		return transition(event.request(), event.previousDecision(), null, event.decision(), event.basis());
	}

	public static Contribution of(DecisionAmended event) {
		return transition(event.request(), event.previousDecision(), event.previousBasis(), event.decision(),
				event.basis());
	}

	public static Contribution of(CaseWithdrawn event) {
		RequestSummary request = event.request();
		Map<String, Long> inc = new LinkedHashMap<>();
		if (!PRESERVATION.equals(request.legalProcess())) {
			for (String cell : cells(request)) {
				inc.put(cell + WITHDRAWN, 1L);
			}
		}
		return new Contribution(Period.halfYearOf(request.receivedAt()), inc);
	}

	/**
	 * The request leaves the bucket of {@code before} (if final) and enters that of
	 * {@code after}.
	 */
	private static Contribution transition(RequestSummary request, String before, String beforeBasis, String after,
			String afterBasis) {
		Map<String, Long> inc = new LinkedHashMap<>();
		if (!PRESERVATION.equals(request.legalProcess())) {
			for (String cell : cells(request)) {
				count(inc, cell, before, beforeBasis, -1);
				count(inc, cell, after, afterBasis, 1);
			}
		}
		inc.values().removeIf((v) -> v == 0L);
		return new Contribution(Period.halfYearOf(request.receivedAt()), inc);
	}

	private static void count(Map<String, Long> inc, String cell, String decision, String basis, long delta) {
		Optional<Outcome> outcome = Outcome.of(decision);
		if (outcome.isEmpty()) {
			return;
		}
		inc.merge(cell + outcome.get().metric(), delta, Long::sum);
		inc.merge(cell + DECIDED, delta, Long::sum);
		if ("REDIRECT_TO_CUSTOMER".equals(decision)) {
			inc.merge(cell + REDIRECTED, delta, Long::sum);
		}
		if (outcome.get() == Outcome.CONTENT || outcome.get() == Outcome.NON_CONTENT) {
			if ("CUSTOMER_CONSENT".equals(basis)) {
				inc.merge(cell + WITH_CONSENT, delta, Long::sum);
			}
			else if ("CONTRACT".equals(basis)) {
				inc.merge(cell + UNDER_CONTRACT, delta, Long::sum);
			}
		}
	}

	private static String[] cells(RequestSummary request) {
		return cells(request.service(), request.country(), request.legalProcess(), request.customerType());
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
