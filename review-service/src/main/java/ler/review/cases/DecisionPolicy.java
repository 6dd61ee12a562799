package ler.review.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ler.review.cases.ReviewCase.HistoryEntry;
import ler.review.cases.ReviewCase.RecordedDecision;

/**
 * The rules for recording a decision. Pure: the same case and command give the same
 * result.
 */
public final class DecisionPolicy {

	static final int MAX_COUNSEL = 200;

	static final int MAX_REASON = 2000;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

	private DecisionPolicy() {
	}

	/**
	 * @return the case after the decision; throws when the command or the move is not
	 * allowed
	 */
	public static ReviewCase decide(ReviewCase current, DecisionCommand command, Instant now) {
		Decision decision = validate(command);
		if (!current.status().isOpen()) {
			throw new IllegalTransitionException(current.status(), decision);
		}
		if (current.status() == CaseStatus.AWAITING_CONSENT && decision == Decision.SEEK_CUSTOMER_CONSENT) {
			throw new IllegalTransitionException(current.status(), decision);
		}
		CaseStatus next = decision.isFinal() ? CaseStatus.DECIDED : CaseStatus.AWAITING_CONSENT;
		List<HistoryEntry> history = new ArrayList<>(current.history());
		history.add(new HistoryEntry(now, command.counsel(), "DECISION_RECORDED", decision + ": " + command.reason()));
		return new ReviewCase(current.requestId(), next, current.request(), current.openedAt(),
				new RecordedDecision(decision, command.reason(), command.counsel(), now), history,
				current.version() + 1, current.eventSequence() + 1);
	}

	static Decision validate(DecisionCommand command) {
		List<ler.review.cases.Violation> violations = new ArrayList<>();
		Decision decision = null;
		if (command == null) {
			throw new InvalidDecisionException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		if (command.decision() == null || command.decision().isEmpty()) {
			violations.add(new Violation("decision", "required", "decision is required"));
		}
		else {
			try {
				decision = Decision.valueOf(command.decision());
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation("decision", "one-of", "decision must be one of "
						+ Arrays.stream(Decision.values()).map(Enum::name).collect(Collectors.joining(", "))));
			}
		}
		text(violations, "reason", command.reason(), MAX_REASON);
		text(violations, "counsel", command.counsel(), MAX_COUNSEL);
		if (!violations.isEmpty()) {
			throw new InvalidDecisionException(violations);
		}
		return decision;
	}

	private static void text(List<Violation> violations, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation(field, "required",
					field + " is required: every decision is attributable (who) and explained (why)"));
		}
		else if (value.length() > max) {
			violations.add(new Violation(field, "max-length", field + " must be at most " + max + " characters"));
		}
		else if (CONTROL.matcher(value).find()) {
			violations
				.add(new Violation(field, "no-control-characters", field + " must not contain control characters"));
		}
	}

}
