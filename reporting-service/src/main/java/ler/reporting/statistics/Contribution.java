package ler.reporting.statistics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import ler.events.CaseFlagged;
import ler.events.CaseWithdrawn;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.EventType;
import ler.events.RequestReceived;
import ler.events.RequestSummary;

/**
 * What one event adds to the figures: a set of counter increments for one half-year.
 * Pure, and computed from the event alone, so the two streams may arrive in any order.
 *
 * <p>
 * Counter paths read {@code <service>.<dimension>.<value>.<metric>}; dimensions are
 * {@code all}, {@code country}, {@code process} and {@code customer}, plus per service
 * the time series {@code receivedOn}, {@code decidedOn} and {@code decisionTime}.
 * Preservation requests count only as {@code preservations}: they are not requests in the
 * report's totals, and a disclosure that follows one is counted under the legal process
 * that follows.
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

	public static final String OVERDUE = "overdue";

	/** Dimension: requests by the UTC day they were received. */
	public static final String RECEIVED_ON = "receivedOn";

	/** Dimension: first final decisions by the UTC day they were made. */
	public static final String DECIDED_ON = "decidedOn";

	/**
	 * Dimension: first final decisions by received-to-decided time
	 * ({@link DecisionTime}).
	 */
	public static final String DECISION_TIME = "decisionTime";

	static final String PRESERVATION = "PRESERVATION";

	/**
	 * What an event of any published type adds to the figures: empty for the types that
	 * change no figure. The switch names every {@link EventType}, so a type added to the
	 * contract does not compile here until it is decided whether it counts.
	 * @param event the data of an event envelope (a {@code RequestEvent} or
	 * {@code ReviewEvent})
	 */
	public static Optional<Contribution> ofEvent(Object event) {
		return switch (EventType.of(event.getClass())) {
			case REQUEST_RECEIVED -> Optional.of(of((RequestReceived) event));
			case DECISION_RECORDED -> Optional.of(of((DecisionRecorded) event));
			case DECISION_AMENDED -> Optional.of(of((DecisionAmended) event));
			case CASE_WITHDRAWN -> Optional.of(of((CaseWithdrawn) event));
			case CASE_FLAGGED -> Optional.of(of((CaseFlagged) event));
			// a withdrawal counts when review closes the case (CaseWithdrawn): review may
			// have decided the request first
			case REQUEST_WITHDRAWN -> Optional.empty();
			// a document, a verification (a refusal is also a recorded decision), the
			// customer's answer (the disclosure that follows is a decision), preservation
			// (counted from its request) and user notice change no figure
			case DOCUMENT_ATTACHED, REQUESTER_VERIFIED, CUSTOMER_CONSENT_ANSWERED, PRESERVATION_STARTED,
					PRESERVATION_EXTENDED, PRESERVATION_EXPIRED, USER_NOTIFICATION_DUE ->
				Optional.empty();
		};
	}

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
		if (!PRESERVATION.equals(event.legalProcess())) {
			inc.put(segment(event.service()) + "." + RECEIVED_ON + "." + day(event.receivedAt()) + "." + REQUESTS, 1L);
		}
		return new Contribution(Period.halfYearOf(event.receivedAt()), inc);
	}

	/**
	 * A decision moves the request into its bucket; the first final one also counts on
	 * its day and in the decision-time histogram, and ends an overdue case.
	 */
	public static Contribution of(DecisionRecorded event) {
		Contribution moved = transition(event.request(), event.previousDecision(), null, event.decision(),
				event.basis());
		RequestSummary request = event.request();
		boolean firstFinal = !PRESERVATION.equals(request.legalProcess())
				&& Outcome.of(event.previousDecision()).isEmpty() && Outcome.of(event.decision()).isPresent();
		if (!firstFinal) {
			return moved;
		}
		String service = segment(request.service()) + ".";
		Map<String, Long> inc = new LinkedHashMap<>(moved.increments());
		inc.put(service + DECIDED_ON + "." + day(event.decidedAt()) + "." + DECIDED, 1L);
		inc.put(service + DECISION_TIME + "."
				+ DecisionTime.bucketOf(java.time.Duration.between(request.receivedAt(), event.decidedAt())) + "."
				+ DECIDED, 1L);
		if (request.wasOverdue()) {
			for (String cell : cells(request)) {
				inc.merge(cell + OVERDUE, -1L, Long::sum);
			}
		}
		return new Contribution(moved.period(), inc);
	}

	/**
	 * An {@code OVERDUE} flag adds the request to the overdue cases until it is decided
	 * or withdrawn; other flags change no figure.
	 */
	public static Contribution of(CaseFlagged event) {
		RequestSummary request = event.request();
		if (!CaseFlagged.OVERDUE.equals(event.flag()) || request == null
				|| PRESERVATION.equals(request.legalProcess())) {
			return new Contribution(
					(request == null) ? Period.halfYearOf(event.at()) : Period.halfYearOf(request.receivedAt()),
					Map.of());
		}
		Map<String, Long> inc = new LinkedHashMap<>();
		for (String cell : cells(request)) {
			inc.put(cell + OVERDUE, 1L);
		}
		return new Contribution(Period.halfYearOf(request.receivedAt()), inc);
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
				if (request.wasOverdue()) {
					inc.put(cell + OVERDUE, -1L);
				}
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

	private static String day(java.time.Instant instant) {
		return instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
	}

	/** Values become field names: keep them to characters MongoDB accepts in a path. */
	static String segment(String value) {
		if (value == null || value.isEmpty()) {
			return "UNKNOWN";
		}
		return value.replaceAll("[^A-Za-z0-9_-]", "_");
	}

}
