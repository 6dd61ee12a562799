package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ler.review.cases.ReviewCase.RecordedDecision;

/**
 * The rules of review. Pure: the same case, command and time give the same result. Each
 * move returns the case after it, with the number of events it publishes; a move the
 * state does not allow throws {@link IllegalTransitionException} (409), one that breaks
 * the law or policy {@link PolicyViolationException} (422), a malformed command
 * {@link InvalidDecisionException} (400).
 */
public final class CasePolicy {

	static final int MAX_COUNSEL = 200;

	static final int MAX_REASON = 2000;

	public static final String LEGAL_PROCESS = "LEGAL_PROCESS";

	public static final String CUSTOMER_CONSENT = "CUSTOMER_CONSENT";

	public static final String CONTRACT = "CONTRACT";

	public static final String FORMAL_PROCESS_MISSING = ler.events.CaseFlagged.FORMAL_PROCESS_MISSING;

	/** Still awaiting counsel past its answer deadline; stays on the case once set. */
	public static final String OVERDUE = ler.events.CaseFlagged.OVERDUE;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

	private CasePolicy() {
	}

	/**
	 * Counsel verifies a requester whose domain was not on the allow-list; a failure
	 * rejects.
	 */
	public static ReviewCase verify(ReviewCase current, AnswerCommand command, Instant now) {
		boolean verified = answer(command, "verified");
		requireStatus(current, "verify the requester", CaseStatus.VERIFICATION_PENDING);
		ReviewCase.Builder next = current.change()
			.history(now, command.counsel(), verified ? "REQUESTER_VERIFIED" : "REQUESTER_NOT_VERIFIED",
					command.reason());
		if (verified) {
			return next.status(CaseStatus.UNDER_REVIEW).events(1).build();
		}
		return next.status(CaseStatus.DECIDED)
			.decision(new RecordedDecision(Decision.REJECT, null, null, "requester not verified: " + command.reason(),
					command.counsel(), now, false))
			.history(now, command.counsel(), "DECISION_RECORDED", "REJECT: requester not verified")
			.events(2)
			.build();
	}

	/**
	 * Counsel's decision.
	 * @param preservationPeriod how long a preservation keeps data (90 days)
	 * @param formalProcessWithin how soon formal process must follow an emergency
	 * disclosure
	 */
	public static ReviewCase decide(ReviewCase current, DecisionCommand command, Instant now,
			Duration preservationPeriod, Duration formalProcessWithin) {
		Decision decision = validate(command);
		requireStatus(current, "take the decision " + decision, CaseStatus.UNDER_REVIEW);
		String basis = checkLegalStandard(current, decision, command.contractualArrangement());
		ReviewCase.Builder next = current.change()
			.history(now, command.counsel(), "DECISION_RECORDED", decision + ": " + command.reason());
		RecordedDecision recorded = new RecordedDecision(decision, basis, blankToNull(command.contractualArrangement()),
				command.reason(), command.counsel(), now, false);
		if (decision == Decision.PRESERVE) {
			return next.status(CaseStatus.PRESERVED)
				.decision(recorded)
				.preservedUntil(now.plus(preservationPeriod), false)
				.events(1)
				.build();
		}
		if (decision == Decision.SEEK_CUSTOMER_CONSENT) {
			return next.status(CaseStatus.AWAITING_CONSENT).decision(recorded).events(1).build();
		}
		if (decision.isDisclosure() && LegalProcess.EMERGENCY.equals(current.request().legalProcess())) {
			next.formalProcessDueAt(now.plus(formalProcessWithin));
		}
		return next.status(CaseStatus.DECIDED).decision(recorded).events(1).build();
	}

	/** The enterprise customer's answer to the request for consent. */
	public static ReviewCase answerConsent(ReviewCase current, AnswerCommand command, Instant now) {
		boolean granted = answer(command, "granted");
		requireStatus(current, "record the customer's consent", CaseStatus.AWAITING_CONSENT);
		return current.change()
			.status(CaseStatus.UNDER_REVIEW)
			.consent(granted ? "GRANTED" : "REFUSED")
			.history(now, command.counsel(), granted ? "CUSTOMER_CONSENT_GRANTED" : "CUSTOMER_CONSENT_REFUSED",
					command.reason())
			.events(1)
			.build();
	}

	/** Corrects a final decision; the same rules apply to the new one. */
	public static ReviewCase amend(ReviewCase current, DecisionCommand command, Instant now) {
		Decision decision = validate(command);
		requireStatus(current, "amend a decision", CaseStatus.DECIDED);
		if (!decision.isFinal()) {
			throw new PolicyViolationException("amendment-is-final",
					"an amendment replaces a final decision with another final decision, not " + decision);
		}
		if (decision == current.decision().decision()) {
			throw new PolicyViolationException("amendment-changes-decision",
					"the case is already decided " + decision + "; an amendment must change the decision");
		}
		String basis = checkLegalStandard(current, decision, command.contractualArrangement());
		return current.change()
			.decision(new RecordedDecision(decision, basis, blankToNull(command.contractualArrangement()),
					command.reason(), command.counsel(), now, true))
			.history(now, command.counsel(), "DECISION_AMENDED",
					current.decision().decision() + " -> " + decision + ": " + command.reason())
			.events(1)
			.build();
	}

	/** Extends a preservation once, by the preservation period. */
	public static ReviewCase extendPreservation(ReviewCase current, NoteCommand command, Instant now,
			Duration preservationPeriod) {
		note(command);
		requireStatus(current, "extend a preservation", CaseStatus.PRESERVED);
		if (current.preservationExtended()) {
			throw new PolicyViolationException("preservation-extended-once",
					"a preservation may be extended once; it already runs until " + current.preservedUntil());
		}
		return current.change()
			.preservedUntil(current.preservedUntil().plus(preservationPeriod), true)
			.history(now, command.counsel(), "PRESERVATION_EXTENDED", command.reason())
			.events(1)
			.build();
	}

	/**
	 * The requester withdrew. An open or preserving case closes; a closed one only notes
	 * it.
	 * @return the case after, with one event when it closed and none otherwise
	 */
	public static ReviewCase withdraw(ReviewCase current, String reason, Instant now) {
		if (current.status().awaitsCounsel() || current.status() == CaseStatus.PRESERVED) {
			return current.change()
				.status(CaseStatus.WITHDRAWN)
				.history(now, "requester", "REQUEST_WITHDRAWN", reason)
				.events(1)
				.build();
		}
		return current.change()
			.history(now, "requester", "WITHDRAWAL_AFTER_CLOSE_IGNORED", current.status() + ": " + reason)
			.build();
	}

	/**
	 * Time-driven moves (preservation expiry, user notification, missing formal process,
	 * overdue); each returns the case unchanged when nothing is due.
	 */
	public static ReviewCase tick(ReviewCase current, Instant now) {
		ReviewCase.Builder next = current.change();
		int events = 0;
		if (current.status() == CaseStatus.PRESERVED && !current.preservedUntil().isAfter(now)) {
			next.status(CaseStatus.PRESERVATION_EXPIRED)
				.history(now, "review-service", "PRESERVATION_EXPIRED", "preserved until " + current.preservedUntil());
			events++;
		}
		Instant nondisclosure = current.request().nondisclosureUntil();
		if (nondisclosure != null && current.userNotificationDueAt() == null && !nondisclosure.isAfter(now)) {
			next.userNotificationDueAt(now)
				.history(now, "review-service", "USER_NOTIFICATION_DUE", "nondisclosure order lapsed " + nondisclosure);
			events++;
		}
		if (current.formalProcessDueAt() != null && !current.formalProcessDueAt().isAfter(now)
				&& !current.flags().contains(FORMAL_PROCESS_MISSING)) {
			next.flag(FORMAL_PROCESS_MISSING)
				.history(now, "review-service", "FLAGGED",
						FORMAL_PROCESS_MISSING + ": no formal legal process by " + current.formalProcessDueAt());
			events++;
		}
		if (current.status().awaitsCounsel() && current.dueAt() != null && !current.dueAt().isAfter(now)
				&& !current.flags().contains(OVERDUE)) {
			next.flag(OVERDUE).history(now, "review-service", "FLAGGED", OVERDUE + ": no answer by " + current.dueAt());
			events++;
		}
		return (events == 0) ? current : next.events(events).build();
	}

	/**
	 * @return the basis of a disclosure, or null for other decisions
	 */
	static String checkLegalStandard(ReviewCase current, Decision decision, String contract) {
		String process = current.request().legalProcess();
		boolean consent = "GRANTED".equals(current.consent());
		if (LegalProcess.PRESERVATION.equals(process)) {
			if (decision != Decision.PRESERVE && decision != Decision.REJECT) {
				throw new PolicyViolationException("preservation-discloses-nothing",
						"a preservation request is preserved or rejected; it never discloses, redirects or seeks consent");
			}
			return null;
		}
		if (decision == Decision.PRESERVE) {
			throw new PolicyViolationException("preserve-needs-preservation-request",
					"only a PRESERVATION request is preserved; this is a " + process);
		}
		if ((decision == Decision.SEEK_CUSTOMER_CONSENT || decision == Decision.REDIRECT_TO_CUSTOMER)
				&& !current.enterprise()) {
			throw new PolicyViolationException("enterprise-only",
					decision + " applies to enterprise customers only; this is a " + current.request().customerType()
							+ " request");
		}
		if (decision == Decision.SEEK_CUSTOMER_CONSENT && current.consent() != null) {
			throw new PolicyViolationException("consent-sought-once",
					"the customer already answered: " + current.consent());
		}
		if ("REFUSED".equals(current.consent()) && decision != Decision.REDIRECT_TO_CUSTOMER
				&& decision != Decision.REJECT) {
			throw new PolicyViolationException("consent-refused",
					"the customer refused consent: redirect the agency to the customer or reject");
		}
		if (!decision.isDisclosure()) {
			return null;
		}
		if (current.enterprise() && !consent && blankToNull(contract) == null) {
			throw new PolicyViolationException("enterprise-disclosure-needs-consent-or-contract",
					"an enterprise customer's data is disclosed only with its consent or under a recorded contractual arrangement (contractualArrangement)");
		}
		if (decision == Decision.DISCLOSE_CONTENT && !consent && !LegalProcess.FOR_CONTENT.contains(process)) {
			throw new PolicyViolationException("content-needs-warrant-or-order",
					"content is disclosed only on a search warrant, court order, wiretap order, MLAT or emergency request (or with the customer's consent); this is a "
							+ process);
		}
		if (decision == Decision.DISCLOSE_NON_CONTENT && !consent && !LegalProcess.FOR_NON_CONTENT.contains(process)) {
			throw new PolicyViolationException("non-content-needs-subpoena",
					"non-content is disclosed on at least a subpoena or its equivalent; this is a " + process);
		}
		if (consent) {
			return CUSTOMER_CONSENT;
		}
		return (current.enterprise()) ? CONTRACT : LEGAL_PROCESS;
	}

	private static void requireStatus(ReviewCase current, String attempted, CaseStatus... allowed) {
		if (!Arrays.asList(allowed).contains(current.status())) {
			throw new IllegalTransitionException(current.status(), attempted);
		}
	}

	static Decision validate(DecisionCommand command) {
		if (command == null) {
			throw new InvalidDecisionException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		List<Violation> violations = new ArrayList<>();
		Decision decision = null;
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
		if (command.contractualArrangement() != null) {
			text(violations, "contractualArrangement", command.contractualArrangement(), MAX_COUNSEL);
		}
		if (!violations.isEmpty()) {
			throw new InvalidDecisionException(violations);
		}
		return decision;
	}

	private static boolean answer(AnswerCommand command, String field) {
		if (command == null) {
			throw new InvalidDecisionException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		List<Violation> violations = new ArrayList<>();
		if (command.answer() == null) {
			violations.add(new Violation(field, "required", field + " (true or false) is required"));
		}
		text(violations, "reason", command.reason(), MAX_REASON);
		text(violations, "counsel", command.counsel(), MAX_COUNSEL);
		if (!violations.isEmpty()) {
			throw new InvalidDecisionException(violations);
		}
		return command.answer();
	}

	private static void note(NoteCommand command) {
		if (command == null) {
			throw new InvalidDecisionException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		List<Violation> violations = new ArrayList<>();
		text(violations, "reason", command.reason(), MAX_REASON);
		text(violations, "counsel", command.counsel(), MAX_COUNSEL);
		if (!violations.isEmpty()) {
			throw new InvalidDecisionException(violations);
		}
	}

	private static void text(List<Violation> violations, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation(field, "required",
					field + " is required: every step is attributable (who) and explained (why)"));
		}
		else if (value.length() > max) {
			violations.add(new Violation(field, "max-length", field + " must be at most " + max + " characters"));
		}
		else if (CONTROL.matcher(value).find()) {
			violations
				.add(new Violation(field, "no-control-characters", field + " must not contain control characters"));
		}
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
