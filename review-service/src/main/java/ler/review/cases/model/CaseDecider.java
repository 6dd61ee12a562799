package ler.review.cases.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ler.review.cases.model.CaseCommand.AnswerConsent;
import ler.review.cases.model.CaseCommand.Amend;
import ler.review.cases.model.CaseCommand.Approve;
import ler.review.cases.model.CaseCommand.AttachDocument;
import ler.review.cases.model.CaseCommand.Decide;
import ler.review.cases.model.CaseCommand.ExtendPreservation;
import ler.review.cases.model.CaseCommand.Link;
import ler.review.cases.model.CaseCommand.Open;
import ler.review.cases.model.CaseCommand.Tick;
import ler.review.cases.model.CaseCommand.Verify;
import ler.review.cases.model.CaseCommand.Withdraw;
import ler.review.cases.model.CaseEvent.ApprovalRequested;
import ler.review.cases.model.CaseEvent.CaseFlagged;
import ler.review.cases.model.CaseEvent.CaseLinked;
import ler.review.cases.model.CaseEvent.CaseOpened;
import ler.review.cases.model.CaseEvent.CaseWithdrawn;
import ler.review.cases.model.CaseEvent.ConsentAnswered;
import ler.review.cases.model.CaseEvent.DecisionAmended;
import ler.review.cases.model.CaseEvent.DecisionRecorded;
import ler.review.cases.model.CaseEvent.DocumentAttached;
import ler.review.cases.model.CaseEvent.PreservationExpired;
import ler.review.cases.model.CaseEvent.PreservationExtended;
import ler.review.cases.model.CaseEvent.PreservationStarted;
import ler.review.cases.model.CaseEvent.ProposalApproved;
import ler.review.cases.model.CaseEvent.ProposalRejected;
import ler.review.cases.model.CaseEvent.RequesterVerified;
import ler.review.cases.model.CaseEvent.UserNotificationDue;
import ler.review.cases.model.CaseEvent.WithdrawalAfterCloseNoted;
import ler.review.cases.model.ReviewCase.ConsentEvidence;
import ler.review.cases.model.ReviewCase.ConsentMethod;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.ProposalKind;
import ler.review.cases.model.ReviewCase.RecordedDecision;

/**
 * The rules of review, as one pure function: {@link #decide} takes the case (null before
 * it exists), a command and the time, and returns the events the command causes (none
 * when it changes nothing, e.g. a repeat), or refuses: {@link InvalidCommandException}
 * (400) for a malformed command, {@link IllegalTransitionException} (409) for a move the
 * state does not allow, {@link PolicyViolationException} (422) for one that breaks the
 * law or policy, {@link FourEyesException} (403) for a proposer approving their own
 * proposal. The legal standard is Microsoft's (2012) as stated in DOMAIN.md; preservation
 * follows the Stored Communications Act (18 USC 2703(f): 90 days, extendable once by 90).
 * Four eyes (issue 12, DOMAIN.md "disclosures of content and anything resting on consent
 * get a second reviewer"): a content disclosure, an emergency disclosure without formal
 * legal process, a disclosure resting on the customer's consent and every amendment of a
 * final decision become a {@link Proposal} that takes effect only when a second,
 * different senior counsel approves it.
 */
public final class CaseDecider {

	static final int MAX_SHORT_TEXT = 200;

	/** Free text naming who at the customer answered: at most this many characters. */
	static final int MAX_GIVEN_BY = 200;

	/** Four-eyes ground: the decision discloses content. */
	public static final String CONTENT = "CONTENT_DISCLOSURE";

	/**
	 * Four-eyes ground: a disclosure on an emergency request, before formal legal process
	 * arrived.
	 */
	public static final String EMERGENCY_WITHOUT_FORMAL_PROCESS = "EMERGENCY_WITHOUT_FORMAL_PROCESS";

	/** Four-eyes ground: a disclosure resting on the customer's consent. */
	public static final String RESTS_ON_CONSENT = "RESTS_ON_CUSTOMER_CONSENT";

	/** Four-eyes ground: an amendment of a final decision. */
	public static final String AMENDS_FINAL_DECISION = "AMENDMENT_OF_FINAL_DECISION";

	static final int MAX_REASON = 2000;

	/** Disclosure basis: the legal process served. */
	public static final String LEGAL_PROCESS = "LEGAL_PROCESS";

	/** Disclosure basis: the enterprise customer's consent. */
	public static final String CUSTOMER_CONSENT = "CUSTOMER_CONSENT";

	/** Disclosure basis: a contractual arrangement with the enterprise customer. */
	public static final String CONTRACT = "CONTRACT";

	/** An emergency disclosure not followed by formal legal process in time. */
	public static final String FORMAL_PROCESS_MISSING = ler.events.CaseFlagged.FORMAL_PROCESS_MISSING;

	/** Still awaiting counsel past its answer deadline; stays on the case once set. */
	public static final String OVERDUE = ler.events.CaseFlagged.OVERDUE;

	private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");

	private final Function<String, Duration> deadline;

	private final Duration preservationPeriod;

	private final Duration formalProcessWithin;

	/**
	 * @param deadline how long counsel has to answer, per legal process type
	 * @param preservationPeriod how long a preservation keeps data (90 days), and by how
	 * much it may be extended once
	 * @param formalProcessWithin how soon formal process must follow an emergency
	 * disclosure
	 */
	public CaseDecider(Function<String, Duration> deadline, Duration preservationPeriod, Duration formalProcessWithin) {
		this.deadline = deadline;
		this.preservationPeriod = preservationPeriod;
		this.formalProcessWithin = formalProcessWithin;
	}

	/**
	 * The events {@code command} causes on {@code current} at {@code now}.
	 * @param current the case, or null when none exists yet
	 * @return the events in order; empty when nothing changes
	 */
	public List<CaseEvent> decide(ReviewCase current, CaseCommand command, Instant now) {
		validate(command);
		if (command.kind() == CaseCommand.Kind.OPEN) {
			return (current != null) ? List.of() : open((Open) command, now);
		}
		if (current == null) {
			throw new IllegalStateException("no case to apply " + command.kind() + " to");
		}
		return switch (command.kind()) {
			case OPEN -> List.of();
			case VERIFY -> verify(current, (Verify) command, now);
			case DECIDE -> decide(current, (Decide) command, now);
			case ANSWER_CONSENT -> answerConsent(current, (AnswerConsent) command, now);
			case AMEND -> amend(current, (Amend) command, now);
			case EXTEND_PRESERVATION -> extendPreservation(current, (ExtendPreservation) command, now);
			case WITHDRAW -> withdraw(current, (Withdraw) command, now);
			case TICK -> tick(current, now);
			case LINK -> link(current, (Link) command, now);
			case ATTACH_DOCUMENT -> attach(current, (AttachDocument) command, now);
			case APPROVE -> approve(current, (Approve) command, now);
		};
	}

	private List<CaseEvent> open(Open open, Instant now) {
		boolean emergency = LegalProcess.EMERGENCY.equals(open.request().legalProcess());
		return List.of(new CaseOpened(open.requestId(), open.request(), now,
				open.request().receivedAt().plus(this.deadline.apply(open.request().legalProcess())),
				emergency ? 0 : 1));
	}

	private static List<CaseEvent> verify(ReviewCase current, Verify command, Instant now) {
		requireStatus(current, "verify the requester", CaseStatus.VERIFICATION_PENDING);
		RequesterVerified verified = new RequesterVerified(command.verified(), command.reason(), command.actor(), now);
		if (command.verified()) {
			return List.of(verified);
		}
		return List.of(verified, new DecisionRecorded(new RecordedDecision(Decision.REJECT, null, null,
				"requester not verified: " + command.reason(), command.actor(), now, false), null));
	}

	private List<CaseEvent> decide(ReviewCase current, Decide command, Instant now) {
		Decision decision = Decision.valueOf(command.decision());
		requireStatus(current, "take the decision " + decision, CaseStatus.UNDER_REVIEW);
		checkLegalStandard(current, decision, command.contractualArrangement());
		List<String> grounds = fourEyesGrounds(current, decision);
		if (!grounds.isEmpty()) {
			return List.of(new ApprovalRequested(new Proposal(ProposalKind.DECISION, decision, command.reason(),
					blankToNull(command.contractualArrangement()), command.actor(), now, grounds)));
		}
		return List.of(decision(current, decision, command.reason(), command.contractualArrangement(), command.actor(),
				null, now));
	}

	/** The event of a decision taking effect, checked against the legal standard. */
	private CaseEvent decision(ReviewCase current, Decision decision, String reason, String contract, String counsel,
			String approvedBy, Instant now) {
		String basis = checkLegalStandard(current, decision, contract);
		RecordedDecision recorded = new RecordedDecision(decision, basis, blankToNull(contract), reason, counsel, now,
				false, approvedBy);
		if (decision == Decision.PRESERVE) {
			return new PreservationStarted(recorded, now.plus(this.preservationPeriod));
		}
		boolean emergencyDisclosure = decision.isDisclosure()
				&& LegalProcess.EMERGENCY.equals(current.request().legalProcess());
		return new DecisionRecorded(recorded, emergencyDisclosure ? now.plus(this.formalProcessWithin) : null);
	}

	/**
	 * Why a decision needs a second approval (four eyes); empty when it takes effect at
	 * once. Call after {@link #checkLegalStandard}: the consent ground applies to a
	 * disclosure of an enterprise customer's data after the customer consented.
	 */
	static List<String> fourEyesGrounds(ReviewCase current, Decision decision) {
		List<String> grounds = new ArrayList<>();
		if (decision == Decision.DISCLOSE_CONTENT) {
			grounds.add(CONTENT);
		}
		// an emergency request is its own legal process: the formal one follows, linked
		// (FORMAL_PROCESS) when it arrives
		if (decision.isDisclosure() && LegalProcess.EMERGENCY.equals(current.request().legalProcess())
				&& current.links().stream().noneMatch((l) -> "FORMAL_PROCESS".equals(l.relation()))) {
			grounds.add(EMERGENCY_WITHOUT_FORMAL_PROCESS);
		}
		if (decision.isDisclosure() && current.enterprise() && ReviewCase.GRANTED.equals(current.consent())) {
			grounds.add(RESTS_ON_CONSENT);
		}
		return grounds;
	}

	private static List<CaseEvent> answerConsent(ReviewCase current, AnswerConsent command, Instant now) {
		requireStatus(current, "record the customer's consent", CaseStatus.AWAITING_CONSENT);
		Instant givenAt = Instant.parse(command.evidence().givenAt());
		List<Violation> violations = new ArrayList<>();
		if (givenAt.isAfter(now)) {
			violations
				.add(new Violation("evidence.givenAt", "not-in-future", "evidence.givenAt must not be in the future"));
		}
		Instant received = current.request().receivedAt();
		if (received != null && givenAt.isBefore(received)) {
			violations.add(new Violation("evidence.givenAt", "not-before-request",
					"evidence.givenAt must not be before the request was received (" + received + ")"));
		}
		if (!violations.isEmpty()) {
			throw new InvalidCommandException(violations);
		}
		return List
			.of(new ConsentAnswered(command.granted(), command.reason(), command.actor(), now, new ConsentEvidence(
					command.evidence().givenBy(), givenAt, ConsentMethod.valueOf(command.evidence().method()))));
	}

	/**
	 * The second senior counsel's answer: approved, the proposal takes effect now with
	 * the proposer as its author (the same events as a decision that needed no approval);
	 * rejected, it is dropped.
	 */
	private List<CaseEvent> approve(ReviewCase current, Approve command, Instant now) {
		requireStatus(current, "approve a proposal", CaseStatus.AWAITING_APPROVAL);
		Proposal proposal = current.proposal();
		if (command.actor().equals(proposal.proposedBy())) {
			throw new FourEyesException(
					"the proposer cannot answer their own proposal: a second, different senior counsel must");
		}
		if (!command.approved()) {
			return List.of(new ProposalRejected(command.actor(), command.reason(), now));
		}
		CaseEvent effect = (proposal.kind() == ProposalKind.DECISION)
				? decision(current, proposal.decision(), proposal.reason(), proposal.contractualArrangement(),
						proposal.proposedBy(), command.actor(), now)
				: new DecisionAmended(new RecordedDecision(proposal.decision(),
						checkLegalStandard(current, proposal.decision(), proposal.contractualArrangement()),
						proposal.contractualArrangement(), proposal.reason(), proposal.proposedBy(), now, true,
						command.actor()));
		return List.of(new ProposalApproved(command.actor(), command.reason(), now), effect);
	}

	private static List<CaseEvent> amend(ReviewCase current, Amend command, Instant now) {
		Decision decision = Decision.valueOf(command.decision());
		requireStatus(current, "amend a decision", CaseStatus.DECIDED);
		if (!decision.isFinal()) {
			throw new PolicyViolationException("amendment-is-final",
					"an amendment replaces a final decision with another final decision, not " + decision);
		}
		if (decision == current.decision().decision()) {
			throw new PolicyViolationException("amendment-changes-decision",
					"the case is already decided " + decision + "; an amendment must change the decision");
		}
		checkLegalStandard(current, decision, command.contractualArrangement());
		List<String> grounds = new ArrayList<>();
		grounds.add(AMENDS_FINAL_DECISION);
		grounds.addAll(fourEyesGrounds(current, decision));
		return List.of(new ApprovalRequested(new Proposal(ProposalKind.AMENDMENT, decision, command.reason(),
				blankToNull(command.contractualArrangement()), command.actor(), now, grounds)));
	}

	private List<CaseEvent> extendPreservation(ReviewCase current, ExtendPreservation command, Instant now) {
		requireStatus(current, "extend a preservation", CaseStatus.PRESERVED);
		if (current.preservationExtended()) {
			throw new PolicyViolationException("preservation-extended-once",
					"a preservation may be extended once; it already runs until " + current.preservedUntil());
		}
		return List.of(new PreservationExtended(current.preservedUntil().plus(this.preservationPeriod),
				command.reason(), command.actor(), now));
	}

	/** An open or preserving case closes; a closed one only notes the withdrawal. */
	private static List<CaseEvent> withdraw(ReviewCase current, Withdraw command, Instant now) {
		if (current.awaitsCounsel() || current.status() == CaseStatus.PRESERVED) {
			return List.of(new CaseWithdrawn(command.reason(), now));
		}
		return List.of(new WithdrawalAfterCloseNoted(current.status(), command.reason(), now));
	}

	/** Time-driven moves; none when nothing is due. */
	private static List<CaseEvent> tick(ReviewCase current, Instant now) {
		List<CaseEvent> events = new ArrayList<>();
		if (current.status() == CaseStatus.PRESERVED && !current.preservedUntil().isAfter(now)) {
			events.add(new PreservationExpired(current.preservedUntil(), now));
		}
		Instant nondisclosure = current.request().nondisclosureUntil();
		if (nondisclosure != null && current.userNotificationDueAt() == null && !nondisclosure.isAfter(now)) {
			events.add(new UserNotificationDue(nondisclosure, now));
		}
		if (current.formalProcessDueAt() != null && !current.formalProcessDueAt().isAfter(now)
				&& !current.flags().contains(FORMAL_PROCESS_MISSING)) {
			events.add(new CaseFlagged(FORMAL_PROCESS_MISSING, current.formalProcessDueAt(), now));
		}
		if (current.awaitsCounsel() && current.dueAt() != null && !current.dueAt().isAfter(now)
				&& !current.flags().contains(OVERDUE)) {
			events.add(new CaseFlagged(OVERDUE, current.dueAt(), now));
		}
		return events;
	}

	/** A link is recorded once; repeating it changes nothing. */
	private static List<CaseEvent> link(ReviewCase current, Link command, Instant now) {
		if (current.links().stream().anyMatch((l) -> l.requestId().equals(command.requestId()))) {
			return List.of();
		}
		return List.of(new CaseLinked(command.requestId(), command.relation(), command.action(), command.detail(),
				command.formalProcessArrived(), now));
	}

	/**
	 * A version the case knows changes nothing: by number when the event names it, else
	 * (an event written before versions) by content; an unnumbered one becomes the next
	 * version.
	 */
	private static List<CaseEvent> attach(ReviewCase current, AttachDocument command, Instant now) {
		boolean known = current.documents()
			.stream()
			.anyMatch((v) -> (command.version() != null) ? v.version() == command.version()
					: v.document().sha256().equals(command.document().sha256()));
		if (known) {
			return List.of();
		}
		int version = (command.version() != null) ? command.version() : current.documents().size() + 1;
		return List.of(new DocumentAttached(command.document(), now, version, command.attachedBy()));
	}

	/**
	 * @return the basis of a disclosure, or null for other decisions
	 * @throws PolicyViolationException naming the rule the decision breaks
	 */
	static String checkLegalStandard(ReviewCase current, Decision decision, String contract) {
		String process = current.request().legalProcess();
		boolean consent = ReviewCase.GRANTED.equals(current.consent());
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
		if (ReviewCase.REFUSED.equals(current.consent()) && decision != Decision.REDIRECT_TO_CUSTOMER
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

	/**
	 * Checks a command's fields, whatever the case: a malformed command is refused before
	 * the case is even looked up.
	 * @throws InvalidCommandException naming every bad field and the rule it breaks
	 */
	public static void validate(CaseCommand command) {
		if (command == null) {
			throw new InvalidCommandException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		List<Violation> violations = new ArrayList<>();
		switch (command.kind()) {
			case DECIDE -> {
				Decide d = (Decide) command;
				decision(violations, d.decision());
				attributed(violations, d.reason(), d.actor());
				optional(violations, "contractualArrangement", d.contractualArrangement());
			}
			case AMEND -> {
				Amend a = (Amend) command;
				decision(violations, a.decision());
				attributed(violations, a.reason(), a.actor());
				optional(violations, "contractualArrangement", a.contractualArrangement());
			}
			case VERIFY -> {
				Verify v = (Verify) command;
				answer(violations, "verified", v.verified());
				attributed(violations, v.reason(), v.actor());
			}
			case ANSWER_CONSENT -> {
				AnswerConsent c = (AnswerConsent) command;
				answer(violations, "granted", c.granted());
				attributed(violations, c.reason(), c.actor());
				evidence(violations, c.evidence());
			}
			case EXTEND_PRESERVATION -> {
				ExtendPreservation e = (ExtendPreservation) command;
				attributed(violations, e.reason(), e.actor());
			}
			case APPROVE -> {
				Approve a = (Approve) command;
				answer(violations, "approved", a.approved());
				attributed(violations, a.reason(), a.actor());
			}
			// from other services and the clock, already checked where they came from
			case OPEN, WITHDRAW, TICK, LINK, ATTACH_DOCUMENT -> {
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidCommandException(violations);
		}
	}

	private static void decision(List<Violation> violations, String value) {
		if (value == null || value.isEmpty()) {
			violations.add(new Violation("decision", "required", "decision is required"));
			return;
		}
		try {
			Decision.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("decision", "one-of", "decision must be one of "
					+ Arrays.stream(Decision.values()).map(Enum::name).collect(Collectors.joining(", "))));
		}
	}

	private static void answer(List<Violation> violations, String field, Boolean value) {
		if (value == null) {
			violations.add(new Violation(field, "required", field + " (true or false) is required"));
		}
	}

	/**
	 * A step of the legal team: explained (a reason) and attributed. The actor comes from
	 * the access token, never from the body, so a missing one is a fault of the caller of
	 * this method, not of the client.
	 */
	private static void attributed(List<Violation> violations, String reason, String actor) {
		text(violations, "reason", reason, MAX_REASON);
		if (actor == null || actor.isBlank()) {
			throw new IllegalArgumentException("a step of the legal team needs the acting account");
		}
	}

	private static void evidence(List<Violation> violations, CaseCommand.Evidence evidence) {
		if (evidence == null) {
			violations.add(new Violation("evidence", "required",
					"evidence (givenBy, givenAt, method) is required: who at the customer answered, when and how"));
			return;
		}
		text(violations, "evidence.givenBy", evidence.givenBy(), MAX_GIVEN_BY);
		if (evidence.givenAt() == null || evidence.givenAt().isBlank()) {
			violations.add(new Violation("evidence.givenAt", "required", "evidence.givenAt is required"));
		}
		else {
			try {
				Instant.parse(evidence.givenAt());
			}
			catch (java.time.format.DateTimeParseException ex) {
				violations.add(new Violation("evidence.givenAt", "instant",
						"evidence.givenAt must be an ISO-8601 instant such as 2012-03-19T16:00:00Z"));
			}
		}
		if (evidence.method() == null || evidence.method().isEmpty()) {
			violations.add(new Violation("evidence.method", "required", "evidence.method is required"));
		}
		else if (Arrays.stream(ConsentMethod.values()).noneMatch((m) -> m.name().equals(evidence.method()))) {
			violations.add(new Violation("evidence.method", "one-of", "evidence.method must be one of "
					+ Arrays.stream(ConsentMethod.values()).map(Enum::name).collect(Collectors.joining(", "))));
		}
	}

	private static void optional(List<Violation> violations, String field, String value) {
		if (value != null) {
			text(violations, field, value, MAX_SHORT_TEXT);
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
		else if (!wellFormed(value)) {
			violations.add(new Violation(field, "unicode", field
					+ " must be well-formed Unicode text: a lone UTF-16 surrogate (such as \\ud800) is not a character"));
		}
	}

	/** No lone UTF-16 surrogate: what is stored and published is what was sent. */
	static boolean wellFormed(String value) {
		// String.codePoints() joins each surrogate pair into one code point: a surrogate
		// left over is a lone one
		return value.codePoints().noneMatch((cp) -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
