package ler.review.cases.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import ler.review.cases.model.CaseCommand.AnswerConsent;
import ler.review.cases.model.CaseCommand.Decide;
import ler.review.cases.model.CaseCommand.Verify;
import ler.review.cases.model.CaseEvent.CaseFlagged;
import ler.review.cases.model.CaseEvent.DecisionRecorded;
import ler.review.cases.model.CaseEvent.RequesterVerified;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The rules as events: what each command on each case causes, or why it is refused. */
class CaseDeciderTest {

	static final Instant NOW = Instant.parse("2012-03-20T09:30:00Z");

	static final Duration NINETY_DAYS = Duration.ofDays(90);

	static final Duration FOURTEEN_DAYS = Duration.ofDays(14);

	static final CaseDecider DECIDER = new CaseDecider(
			(process) -> "EMERGENCY".equals(process) ? Duration.ofHours(24) : Duration.ofDays(30), NINETY_DAYS,
			FOURTEEN_DAYS);

	static ReviewCase aCase(String process, String customerType, boolean verified, Instant nondisclosureUntil) {
		UUID id = UUID.randomUUID();
		ReviewCase.Request request = new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", customerType,
				"ENTERPRISE".equals(customerType) ? "contoso" : null, process,
				List.of(new ReviewCase.Identifier("EMAIL", "someone@example.com", "someone@example.com")), List.of(),
				null, nondisclosureUntil, verified, null, Instant.parse("2012-03-14T10:00:00Z"),
				Instant.parse("2012-03-14T10:00:05Z"));
		return apply(null, new CaseCommand.Open(id, request), Instant.parse("2012-03-14T10:00:06Z"));
	}

	static ReviewCase underReview(String process) {
		return aCase(process, "CONSUMER", true, null);
	}

	/** The case after the command: the fold of the events it caused. */
	static ReviewCase apply(ReviewCase c, CaseCommand command, Instant now) {
		return CaseEvolver.fold(c, DECIDER.decide(c, command, now));
	}

	static ReviewCase decide(ReviewCase c, String decision) {
		return decide(c, decision, null);
	}

	static ReviewCase decide(ReviewCase c, String decision, String contract) {
		return apply(c, new Decide(decision, "reason", "counsel-7", contract), NOW);
	}

	/** Decided, with a second senior counsel's approval when the decision needs one. */
	static ReviewCase decided(ReviewCase c, String decision) {
		return decided(c, decision, null);
	}

	static ReviewCase decided(ReviewCase c, String decision, String contract) {
		ReviewCase after = decide(c, decision, contract);
		return (after.status() == CaseStatus.AWAITING_APPROVAL) ? approve(after, "senior-b") : after;
	}

	static ReviewCase approve(ReviewCase c, String approver) {
		return apply(c, new CaseCommand.Approve(true, "checked the warrant", approver), NOW);
	}

	static CaseCommand.AnswerConsent consent(boolean granted, String reason, String actor) {
		return new AnswerConsent(granted, reason,
				new CaseCommand.Evidence("general counsel, Contoso", "2012-03-19T16:00:00Z", "SIGNED_LETTER"), actor);
	}

	static List<CaseEvent> tick(ReviewCase c, Instant now) {
		return DECIDER.decide(c, new CaseCommand.Tick(), now);
	}

	static String violatedRule(Runnable move) {
		return catchThrowableOfType(PolicyViolationException.class, move::run).rule();
	}

	@Test
	void opensACaseOnceDueByItsLegalProcessDeadline() {
		ReviewCase open = underReview("SUBPOENA");
		assertThat(open.status()).isEqualTo(CaseStatus.UNDER_REVIEW);
		assertThat(open.dueAt()).isEqualTo(Instant.parse("2012-04-13T10:00:00Z"));
		assertThat(open.priority()).isEqualTo(1);
		assertThat(open.eventSequence()).isZero();
		assertThat(DECIDER.decide(open, new CaseCommand.Open(open.requestId(), open.request()), NOW)).isEmpty();
		ReviewCase emergency = underReview("EMERGENCY");
		assertThat(emergency.priority()).isZero();
		assertThat(emergency.dueAt()).isEqualTo(Instant.parse("2012-03-15T10:00:00Z"));
		assertThat(aCase("SUBPOENA", "CONSUMER", false, null).status()).isEqualTo(CaseStatus.VERIFICATION_PENDING);
	}

	@Test
	void aFinalDecisionClosesTheCaseAttributablyWithOneEvent() {
		ReviewCase open = underReview("SUBPOENA");
		List<CaseEvent> events = DECIDER.decide(open, new Decide("DISCLOSE_NON_CONTENT", "reason", "counsel-7"), NOW);
		assertThat(events).containsExactly(new DecisionRecorded(new RecordedDecision(Decision.DISCLOSE_NON_CONTENT,
				CaseDecider.LEGAL_PROCESS, null, "reason", "counsel-7", NOW, false), null));
		ReviewCase decided = CaseEvolver.fold(open, events);
		assertThat(decided.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decided.eventSequence()).isEqualTo(1);
		assertThat(decided.history()).last()
			.isEqualTo(
					new ReviewCase.HistoryEntry(NOW, "counsel-7", "DECISION_RECORDED", "DISCLOSE_NON_CONTENT: reason"));
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(decided, "REJECT")).current())
			.isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void contentNeedsAWarrantOrOrderAndNonContentAtLeastASubpoena() {
		assertThat(violatedRule(() -> decide(underReview("SUBPOENA"), "DISCLOSE_CONTENT")))
			.isEqualTo("content-needs-warrant-or-order");
		assertThat(violatedRule(() -> decide(underReview("PEN_REGISTER"), "DISCLOSE_CONTENT")))
			.isEqualTo("content-needs-warrant-or-order");
		assertThat(violatedRule(() -> decide(underReview("OTHER"), "DISCLOSE_NON_CONTENT")))
			.isEqualTo("non-content-needs-subpoena");
		for (String process : List.of("SEARCH_WARRANT", "COURT_ORDER", "WIRETAP_ORDER", "MLAT", "EMERGENCY")) {
			assertThat(decided(underReview(process), "DISCLOSE_CONTENT").status()).isEqualTo(CaseStatus.DECIDED);
		}
		assertThat(decide(underReview("OTHER"), "REJECT").status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decide(underReview("OTHER"), "NO_DATA_FOUND").status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void anEnterpriseCustomersDataNeedsItsConsentOrAContract() {
		ReviewCase enterprise = aCase("SEARCH_WARRANT", "ENTERPRISE", true, null);
		assertThat(violatedRule(() -> decide(enterprise, "DISCLOSE_CONTENT")))
			.isEqualTo("enterprise-disclosure-needs-consent-or-contract");
		assertThat(decided(enterprise, "DISCLOSE_CONTENT", "MSA 2011 s.14").decision().basis())
			.isEqualTo(CaseDecider.CONTRACT);
		assertThat(decide(enterprise, "REDIRECT_TO_CUSTOMER").status()).isEqualTo(CaseStatus.DECIDED);

		ReviewCase awaiting = decide(enterprise, "SEEK_CUSTOMER_CONSENT");
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_CONSENT);
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(awaiting, "DISCLOSE_CONTENT"))
			.current()).isEqualTo(CaseStatus.AWAITING_CONSENT);

		List<CaseEvent> answer = DECIDER.decide(awaiting, consent(true, "signed", "c"), NOW);
		assertThat(answer).containsExactly(new CaseEvent.ConsentAnswered(true, "signed", "c", NOW,
				new ReviewCase.ConsentEvidence("general counsel, Contoso", Instant.parse("2012-03-19T16:00:00Z"),
						ReviewCase.ConsentMethod.SIGNED_LETTER)));
		ReviewCase granted = CaseEvolver.fold(awaiting, answer);
		assertThat(granted.status()).isEqualTo(CaseStatus.UNDER_REVIEW);
		assertThat(granted.consentEvidence().givenBy()).isEqualTo("general counsel, Contoso");
		assertThat(violatedRule(() -> decide(granted, "SEEK_CUSTOMER_CONSENT"))).isEqualTo("consent-sought-once");
		ReviewCase disclosed = decided(granted, "DISCLOSE_CONTENT");
		assertThat(disclosed.decision().basis()).isEqualTo(CaseDecider.CUSTOMER_CONSENT);
		assertThat(disclosed.eventSequence()).isEqualTo(3);

		ReviewCase refused = apply(awaiting, consent(false, "no", "c"), NOW);
		assertThat(violatedRule(() -> decide(refused, "DISCLOSE_NON_CONTENT"))).isEqualTo("consent-refused");
		assertThat(decide(refused, "REDIRECT_TO_CUSTOMER").status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void consentAndRedirectAreForEnterpriseCustomersOnly() {
		assertThat(violatedRule(() -> decide(underReview("SEARCH_WARRANT"), "SEEK_CUSTOMER_CONSENT")))
			.isEqualTo("enterprise-only");
		assertThat(violatedRule(() -> decide(underReview("SEARCH_WARRANT"), "REDIRECT_TO_CUSTOMER")))
			.isEqualTo("enterprise-only");
	}

	@Test
	void aPreservationKeepsDataNinetyDaysExtendableOnceThenExpires() {
		assertThat(violatedRule(() -> decide(underReview("PRESERVATION"), "DISCLOSE_NON_CONTENT")))
			.isEqualTo("preservation-discloses-nothing");
		assertThat(violatedRule(() -> decide(underReview("SUBPOENA"), "PRESERVE")))
			.isEqualTo("preserve-needs-preservation-request");
		ReviewCase preserved = decide(underReview("PRESERVATION"), "PRESERVE");
		assertThat(preserved.status()).isEqualTo(CaseStatus.PRESERVED);
		assertThat(preserved.preservedUntil()).isEqualTo(NOW.plus(NINETY_DAYS));
		List<CaseEvent> extension = DECIDER.decide(preserved, new CaseCommand.ExtendPreservation("more time", "c"),
				NOW);
		assertThat(extension).containsExactly(
				new CaseEvent.PreservationExtended(NOW.plus(NINETY_DAYS).plus(NINETY_DAYS), "more time", "c", NOW));
		ReviewCase extended = CaseEvolver.fold(preserved, extension);
		assertThat(violatedRule(() -> apply(extended, new CaseCommand.ExtendPreservation("again", "c"), NOW)))
			.isEqualTo("preservation-extended-once");
		assertThat(tick(extended, NOW.plus(Duration.ofDays(179)))).isEmpty();
		List<CaseEvent> expiry = tick(extended, NOW.plus(Duration.ofDays(180)));
		assertThat(expiry).containsExactly(
				new CaseEvent.PreservationExpired(extended.preservedUntil(), NOW.plus(Duration.ofDays(180))));
		ReviewCase expired = CaseEvolver.fold(extended, expiry);
		assertThat(expired.status()).isEqualTo(CaseStatus.PRESERVATION_EXPIRED);
		assertThat(expired.eventSequence()).isEqualTo(extended.eventSequence() + 1);
	}

	@Test
	void anEmergencyDisclosureMustBeFollowedByFormalProcessElseItIsFlagged() {
		ReviewCase disclosed = decided(underReview("EMERGENCY"), "DISCLOSE_CONTENT");
		assertThat(disclosed.formalProcessDueAt()).isEqualTo(NOW.plus(FOURTEEN_DAYS));
		assertThat(tick(disclosed, NOW.plus(Duration.ofDays(13)))).isEmpty();
		List<CaseEvent> flag = tick(disclosed, NOW.plus(FOURTEEN_DAYS));
		assertThat(flag).containsExactly(
				new CaseFlagged(CaseDecider.FORMAL_PROCESS_MISSING, NOW.plus(FOURTEEN_DAYS), NOW.plus(FOURTEEN_DAYS)));
		ReviewCase flagged = CaseEvolver.fold(disclosed, flag);
		assertThat(flagged.flags()).containsExactly(CaseDecider.FORMAL_PROCESS_MISSING);
		assertThat(tick(flagged, NOW.plus(Duration.ofDays(30)))).isEmpty();
		// formal process that arrives in time clears the deadline, and nothing is flagged
		ReviewCase formalised = apply(disclosed,
				new CaseCommand.Link(UUID.randomUUID(), "FORMAL_PROCESS", "FORMAL_PROCESS_RECEIVED", "warrant", true),
				NOW.plus(Duration.ofDays(2)));
		assertThat(formalised.formalProcessDueAt()).isNull();
		assertThat(tick(formalised, NOW.plus(Duration.ofDays(30)))).isEmpty();
	}

	@Test
	void aCaseStillAwaitingCounselPastItsDeadlineIsFlaggedOverdueOnce() {
		ReviewCase open = underReview("SUBPOENA");
		Instant due = open.dueAt();
		assertThat(tick(open, due.minusSeconds(1))).isEmpty();
		ReviewCase overdue = CaseEvolver.fold(open, tick(open, due));
		assertThat(overdue.flags()).containsExactly(CaseDecider.OVERDUE);
		assertThat(overdue.eventSequence()).isEqualTo(open.eventSequence() + 1);
		assertThat(tick(overdue, due.plusSeconds(3600))).isEmpty();
		// the flag stays once decided
		assertThat(decide(overdue, "REJECT").flags()).containsExactly(CaseDecider.OVERDUE);
		// a decided case is never flagged late
		ReviewCase onTime = decide(open, "REJECT");
		assertThat(tick(onTime, due.plusSeconds(3600))).isEmpty();
	}

	@Test
	void userNotificationFallsDueWhenTheNondisclosureOrderLapses() {
		Instant lapse = Instant.parse("2013-03-14T00:00:00Z");
		ReviewCase decided = decide(aCase("SUBPOENA", "CONSUMER", true, lapse), "DISCLOSE_NON_CONTENT");
		assertThat(tick(decided, lapse.minusSeconds(1))).isEmpty();
		ReviewCase due = CaseEvolver.fold(decided, tick(decided, lapse));
		assertThat(due.userNotificationDueAt()).isEqualTo(lapse);
		assertThat(due.eventSequence()).isEqualTo(decided.eventSequence() + 1);
		assertThat(tick(due, lapse.plusSeconds(60))).isEmpty();
	}

	@Test
	void anUnverifiedRequesterIsVerifiedOrTheRequestRejected() {
		ReviewCase pending = aCase("SUBPOENA", "CONSUMER", false, null);
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(pending, "REJECT")).current())
			.isEqualTo(CaseStatus.VERIFICATION_PENDING);
		assertThat(apply(pending, new Verify(true, "called back", "c"), NOW).status())
			.isEqualTo(CaseStatus.UNDER_REVIEW);
		List<CaseEvent> rejection = DECIDER.decide(pending, new Verify(false, "no such officer", "c"), NOW);
		assertThat(rejection).containsExactly(new RequesterVerified(false, "no such officer", "c", NOW),
				new DecisionRecorded(new RecordedDecision(Decision.REJECT, null, null,
						"requester not verified: no such officer", "c", NOW, false), null));
		ReviewCase rejected = CaseEvolver.fold(pending, rejection);
		assertThat(rejected.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(rejected.eventSequence()).isEqualTo(2);
	}

	@Test
	void anAmendmentChangesAFinalDecisionUnderTheSameRules() {
		ReviewCase decided = decide(underReview("SUBPOENA"), "DISCLOSE_NON_CONTENT");
		ReviewCase amended = approve(apply(decided, new CaseCommand.Amend("REJECT", "order quashed", "c2", null), NOW),
				"senior-b");
		assertThat(amended.decision().decision()).isEqualTo(Decision.REJECT);
		assertThat(amended.decision().amended()).isTrue();
		assertThat(amended.decision().counsel()).isEqualTo("c2");
		assertThat(amended.decision().approvedBy()).isEqualTo("senior-b");
		assertThat(amended.history()).last()
			.extracting(ReviewCase.HistoryEntry::detail)
			.isEqualTo("DISCLOSE_NON_CONTENT -> REJECT: order quashed (approved by senior-b)");
		assertThat(violatedRule(() -> apply(amended, new CaseCommand.Amend("REJECT", "same", "c2", null), NOW)))
			.isEqualTo("amendment-changes-decision");
		assertThat(violatedRule(() -> apply(amended, new CaseCommand.Amend("DISCLOSE_CONTENT", "x", "c", null), NOW)))
			.isEqualTo("content-needs-warrant-or-order");
		assertThat(catchThrowableOfType(IllegalTransitionException.class,
				() -> apply(underReview("SUBPOENA"), new CaseCommand.Amend("REJECT", "x", "c", null), NOW))
			.current()).isEqualTo(CaseStatus.UNDER_REVIEW);
	}

	@Test
	void aWithdrawalClosesAnOpenCaseAndIsOnlyNotedOnAClosedOne() {
		ReviewCase withdrawn = apply(underReview("SUBPOENA"), new CaseCommand.Withdraw("served in error"), NOW);
		assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
		assertThat(withdrawn.eventSequence()).isEqualTo(1);
		ReviewCase decided = decide(underReview("SUBPOENA"), "REJECT");
		List<CaseEvent> late = DECIDER.decide(decided, new CaseCommand.Withdraw("too late"), NOW);
		assertThat(late).containsExactly(new CaseEvent.WithdrawalAfterCloseNoted(CaseStatus.DECIDED, "too late", NOW));
		ReviewCase noted = CaseEvolver.fold(decided, late);
		assertThat(noted.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(noted.eventSequence()).isEqualTo(decided.eventSequence());
		assertThat(noted.history()).last()
			.extracting(ReviewCase.HistoryEntry::action)
			.isEqualTo("WITHDRAWAL_AFTER_CLOSE_IGNORED");
	}

	@Test
	void linksAndDocumentsAreRecordedOnce() {
		ReviewCase open = underReview("SEARCH_WARRANT");
		UUID other = UUID.randomUUID();
		CaseCommand.Link link = new CaseCommand.Link(other, "FOLLOWS_PRESERVATION", "LINKED", "follows", false);
		ReviewCase linked = apply(open, link, NOW);
		assertThat(linked.links()).containsExactly(new ReviewCase.Link(other, "FOLLOWS_PRESERVATION"));
		assertThat(DECIDER.decide(linked, link, NOW)).isEmpty();
		ReviewCase.Document pdf = new ReviewCase.Document("d1", "warrant.pdf", "application/pdf", 10, "abc");
		ReviewCase attached = apply(linked, new CaseCommand.AttachDocument(pdf), NOW);
		assertThat(attached.request().document()).isEqualTo(pdf);
		assertThat(DECIDER.decide(attached, new CaseCommand.AttachDocument(pdf), NOW)).isEmpty();
		// neither is announced to other services
		assertThat(attached.eventSequence()).isZero();
	}

	@Test
	void namesEveryBadField() {
		InvalidCommandException ex = catchThrowableOfType(InvalidCommandException.class,
				() -> decide(underReview("SUBPOENA"), "APPROVE"));
		assertThat(ex.violations()).extracting(Violation::field).containsExactly("decision");
		InvalidCommandException missing = catchThrowableOfType(InvalidCommandException.class,
				() -> apply(aCase("SUBPOENA", "CONSUMER", false, null), new Verify(null, " ", "c"), NOW));
		assertThat(missing.violations()).extracting(Violation::field).containsExactly("verified", "reason");
	}

	@Test
	void textWithALoneSurrogateIsRefusedNamingTheField() {
		InvalidCommandException ex = catchThrowableOfType(InvalidCommandException.class,
				() -> apply(underReview("SUBPOENA"),
						new Decide("REJECT", "over-broad \ud800", "counsel-7", "msa\udc00"), NOW));
		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("reason", "unicode"),
					org.assertj.core.groups.Tuple.tuple("contractualArrangement", "unicode"));
		// a pair is a character: an emoji in a reason is fine
		assertThat(decide(underReview("SUBPOENA"), "REJECT").status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(apply(underReview("SUBPOENA"), new Decide("REJECT", "over-broad \ud83d\ude00", "c", null), NOW)
			.status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void everyEventAndCommandTypeHasItsOwnKind() {
		// the switches in the decider, the fold and the mappers are over the kinds: each
		// type must have exactly one, or a new type could hide behind an old kind
		assertThat(Arrays.stream(CaseEvent.class.getPermittedSubclasses()).map(Class::getSimpleName))
			.hasSize(CaseEvent.Kind.values().length)
			.containsExactlyInAnyOrder(
					Arrays.stream(CaseEvent.Kind.values()).map(CaseDeciderTest::camel).toArray(String[]::new));
		assertThat(Arrays.stream(CaseCommand.class.getPermittedSubclasses()).map(Class::getSimpleName))
			.hasSize(CaseCommand.Kind.values().length)
			.containsExactlyInAnyOrder(
					Arrays.stream(CaseCommand.Kind.values()).map(CaseDeciderTest::camel).toArray(String[]::new));
	}

	@Test
	void everyTypeAnswersItsOwnKind() throws Exception {
		for (Class<?> type : CaseEvent.class.getPermittedSubclasses()) {
			assertThat(camel(((CaseEvent) blank(type)).kind())).isEqualTo(type.getSimpleName());
		}
		for (Class<?> type : CaseCommand.class.getPermittedSubclasses()) {
			assertThat(camel(((CaseCommand) blank(type)).kind())).isEqualTo(type.getSimpleName());
		}
	}

	/** A record with every component null, false or zero. */
	private static Object blank(Class<?> record) throws Exception {
		var components = record.getRecordComponents();
		Class<?>[] types = Arrays.stream(components)
			.map(java.lang.reflect.RecordComponent::getType)
			.toArray(Class<?>[]::new);
		Object[] values = Arrays.stream(types)
			.map((t) -> (t == boolean.class) ? (Object) false
					: (t == int.class) ? (Object) 0 : (t == long.class) ? (Object) 0L : null)
			.toArray();
		return record.getDeclaredConstructor(types).newInstance(values);
	}

	private static String camel(Enum<?> kind) {
		StringBuilder out = new StringBuilder();
		for (String part : kind.name().split("_")) {
			out.append(part.charAt(0)).append(part.substring(1).toLowerCase());
		}
		return out.toString();
	}

}
