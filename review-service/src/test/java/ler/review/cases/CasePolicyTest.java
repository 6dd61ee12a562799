package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CasePolicyTest {

	static final Instant NOW = Instant.parse("2012-03-20T09:30:00Z");

	static final Duration NINETY_DAYS = Duration.ofDays(90);

	static final Duration FOURTEEN_DAYS = Duration.ofDays(14);

	static ReviewCase aCase(String process, String customerType, CaseStatus status, Instant nondisclosureUntil) {
		return new ReviewCase(UUID.randomUUID(), status,
				new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", customerType,
						"ENTERPRISE".equals(customerType) ? "contoso" : null, process,
						List.of(new ReviewCase.Identifier("EMAIL", "someone@example.com")), List.of(), null,
						nondisclosureUntil, status != CaseStatus.VERIFICATION_PENDING, null,
						Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z")),
				Instant.parse("2012-03-14T10:00:06Z"), Instant.parse("2012-04-13T10:00:00Z"), 1, null, null, null,
				false, null, null, Set.of(), List.of(),
				List.of(new ReviewCase.HistoryEntry(Instant.parse("2012-03-14T10:00:06Z"), "intake-service",
						"REQUEST_RECEIVED", process)),
				false, 0, 0);
	}

	static ReviewCase underReview(String process) {
		return aCase(process, "CONSUMER", CaseStatus.UNDER_REVIEW, null);
	}

	static ReviewCase decide(ReviewCase c, String decision) {
		return decide(c, decision, null);
	}

	static ReviewCase decide(ReviewCase c, String decision, String contract) {
		return CasePolicy.decide(c, new DecisionCommand(decision, "reason", "counsel-7", contract), NOW, NINETY_DAYS,
				FOURTEEN_DAYS);
	}

	static String violatedRule(Runnable move) {
		return catchThrowableOfType(PolicyViolationException.class, move::run).rule();
	}

	@Test
	void aFinalDecisionClosesTheCaseAttributablyWithOneEvent() {
		ReviewCase decided = decide(underReview("SUBPOENA"), "DISCLOSE_NON_CONTENT");
		assertThat(decided.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decided.decision().basis()).isEqualTo(CasePolicy.LEGAL_PROCESS);
		assertThat(decided.decision().counsel()).isEqualTo("counsel-7");
		assertThat(decided.version()).isEqualTo(1);
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
			assertThat(decide(underReview(process), "DISCLOSE_CONTENT").status()).isEqualTo(CaseStatus.DECIDED);
		}
		assertThat(decide(underReview("OTHER"), "REJECT").status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decide(underReview("OTHER"), "NO_DATA_FOUND").status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void anEnterpriseCustomersDataNeedsItsConsentOrAContract() {
		ReviewCase enterprise = aCase("SEARCH_WARRANT", "ENTERPRISE", CaseStatus.UNDER_REVIEW, null);
		assertThat(violatedRule(() -> decide(enterprise, "DISCLOSE_CONTENT")))
			.isEqualTo("enterprise-disclosure-needs-consent-or-contract");
		assertThat(decide(enterprise, "DISCLOSE_CONTENT", "MSA 2011 s.14").decision().basis())
			.isEqualTo(CasePolicy.CONTRACT);
		assertThat(decide(enterprise, "REDIRECT_TO_CUSTOMER").status()).isEqualTo(CaseStatus.DECIDED);

		ReviewCase awaiting = decide(enterprise, "SEEK_CUSTOMER_CONSENT");
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_CONSENT);
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(awaiting, "DISCLOSE_CONTENT"))
			.current()).isEqualTo(CaseStatus.AWAITING_CONSENT);

		ReviewCase granted = CasePolicy.answerConsent(awaiting, new AnswerCommand(true, "signed", "c"), NOW);
		assertThat(granted.status()).isEqualTo(CaseStatus.UNDER_REVIEW);
		assertThat(violatedRule(() -> decide(granted, "SEEK_CUSTOMER_CONSENT"))).isEqualTo("consent-sought-once");
		ReviewCase disclosed = decide(granted, "DISCLOSE_CONTENT");
		assertThat(disclosed.decision().basis()).isEqualTo(CasePolicy.CUSTOMER_CONSENT);
		assertThat(disclosed.eventSequence()).isEqualTo(3);

		ReviewCase refused = CasePolicy.answerConsent(awaiting, new AnswerCommand(false, "no", "c"), NOW);
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
		ReviewCase extended = CasePolicy.extendPreservation(preserved, new NoteCommand("more time", "c"), NOW,
				NINETY_DAYS);
		assertThat(extended.preservedUntil()).isEqualTo(NOW.plus(NINETY_DAYS).plus(NINETY_DAYS));
		assertThat(violatedRule(
				() -> CasePolicy.extendPreservation(extended, new NoteCommand("again", "c"), NOW, NINETY_DAYS)))
			.isEqualTo("preservation-extended-once");
		assertThat(CasePolicy.tick(extended, NOW.plus(Duration.ofDays(179)))).isSameAs(extended);
		ReviewCase expired = CasePolicy.tick(extended, NOW.plus(Duration.ofDays(180)));
		assertThat(expired.status()).isEqualTo(CaseStatus.PRESERVATION_EXPIRED);
		assertThat(expired.eventSequence()).isEqualTo(extended.eventSequence() + 1);
	}

	@Test
	void anEmergencyDisclosureMustBeFollowedByFormalProcessElseItIsFlagged() {
		ReviewCase disclosed = decide(underReview("EMERGENCY"), "DISCLOSE_CONTENT");
		assertThat(disclosed.formalProcessDueAt()).isEqualTo(NOW.plus(FOURTEEN_DAYS));
		assertThat(CasePolicy.tick(disclosed, NOW.plus(Duration.ofDays(13)))).isSameAs(disclosed);
		ReviewCase flagged = CasePolicy.tick(disclosed, NOW.plus(FOURTEEN_DAYS));
		assertThat(flagged.flags()).containsExactly(CasePolicy.FORMAL_PROCESS_MISSING);
		assertThat(CasePolicy.tick(flagged, NOW.plus(Duration.ofDays(30)))).isSameAs(flagged);
	}

	@Test
	void aCaseStillAwaitingCounselPastItsDeadlineIsFlaggedOverdueOnce() {
		ReviewCase open = underReview("SUBPOENA");
		Instant due = open.dueAt();
		assertThat(CasePolicy.tick(open, due.minusSeconds(1))).isSameAs(open);
		assertThat(CaseReview.nextDue(open)).isEqualTo(due);
		ReviewCase overdue = CasePolicy.tick(open, due);
		assertThat(overdue.flags()).containsExactly(CasePolicy.OVERDUE);
		assertThat(overdue.eventSequence()).isEqualTo(open.eventSequence() + 1);
		assertThat(CaseReview.nextDue(overdue)).isNull();
		assertThat(CasePolicy.tick(overdue, due.plusSeconds(3600))).isSameAs(overdue);
		// the flag stays: the decision event says the case was overdue
		ReviewCase decided = decide(overdue, "REJECT");
		assertThat(CaseReview.summary(decided).wasOverdue()).isTrue();
		// a decided case is never flagged late
		ReviewCase onTime = decide(open, "REJECT");
		assertThat(CasePolicy.tick(onTime, due.plusSeconds(3600))).isSameAs(onTime);
		assertThat(CaseReview.nextDue(onTime)).isNull();
	}

	@Test
	void userNotificationFallsDueWhenTheNondisclosureOrderLapses() {
		Instant lapse = Instant.parse("2013-03-14T00:00:00Z");
		ReviewCase decided = decide(aCase("SUBPOENA", "CONSUMER", CaseStatus.UNDER_REVIEW, lapse),
				"DISCLOSE_NON_CONTENT");
		assertThat(CasePolicy.tick(decided, lapse.minusSeconds(1))).isSameAs(decided);
		ReviewCase due = CasePolicy.tick(decided, lapse);
		assertThat(due.userNotificationDueAt()).isEqualTo(lapse);
		assertThat(due.eventSequence()).isEqualTo(decided.eventSequence() + 1);
		assertThat(CasePolicy.tick(due, lapse.plusSeconds(60))).isSameAs(due);
	}

	@Test
	void anUnverifiedRequesterIsVerifiedOrTheRequestRejected() {
		ReviewCase pending = aCase("SUBPOENA", "CONSUMER", CaseStatus.VERIFICATION_PENDING, null);
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(pending, "REJECT")).current())
			.isEqualTo(CaseStatus.VERIFICATION_PENDING);
		assertThat(CasePolicy.verify(pending, new AnswerCommand(true, "called back", "c"), NOW).status())
			.isEqualTo(CaseStatus.UNDER_REVIEW);
		ReviewCase rejected = CasePolicy.verify(pending, new AnswerCommand(false, "no such officer", "c"), NOW);
		assertThat(rejected.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(rejected.decision().decision()).isEqualTo(Decision.REJECT);
		assertThat(rejected.eventSequence()).isEqualTo(2);
	}

	@Test
	void anAmendmentChangesAFinalDecisionUnderTheSameRules() {
		ReviewCase decided = decide(underReview("SUBPOENA"), "DISCLOSE_NON_CONTENT");
		ReviewCase amended = CasePolicy.amend(decided, new DecisionCommand("REJECT", "order quashed", "c2"), NOW);
		assertThat(amended.decision().decision()).isEqualTo(Decision.REJECT);
		assertThat(amended.decision().amended()).isTrue();
		assertThat(violatedRule(() -> CasePolicy.amend(amended, new DecisionCommand("REJECT", "same", "c2"), NOW)))
			.isEqualTo("amendment-changes-decision");
		assertThat(
				violatedRule(() -> CasePolicy.amend(amended, new DecisionCommand("DISCLOSE_CONTENT", "x", "c"), NOW)))
			.isEqualTo("content-needs-warrant-or-order");
		assertThat(catchThrowableOfType(IllegalTransitionException.class,
				() -> CasePolicy.amend(underReview("SUBPOENA"), new DecisionCommand("REJECT", "x", "c"), NOW))
			.current()).isEqualTo(CaseStatus.UNDER_REVIEW);
	}

	@Test
	void aWithdrawalClosesAnOpenCaseAndIsOnlyNotedOnAClosedOne() {
		ReviewCase withdrawn = CasePolicy.withdraw(underReview("SUBPOENA"), "served in error", NOW);
		assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
		assertThat(withdrawn.eventSequence()).isEqualTo(1);
		ReviewCase decided = decide(underReview("SUBPOENA"), "REJECT");
		ReviewCase noted = CasePolicy.withdraw(decided, "too late", NOW);
		assertThat(noted.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(noted.eventSequence()).isEqualTo(decided.eventSequence());
		assertThat(noted.history()).last()
			.extracting(ReviewCase.HistoryEntry::action)
			.isEqualTo("WITHDRAWAL_AFTER_CLOSE_IGNORED");
	}

	@Test
	void namesEveryBadField() {
		InvalidDecisionException ex = catchThrowableOfType(InvalidDecisionException.class,
				() -> decide(underReview("SUBPOENA"), "APPROVE").status());
		assertThat(ex.violations()).extracting(Violation::field).containsExactly("decision");
		InvalidDecisionException missing = catchThrowableOfType(InvalidDecisionException.class,
				() -> CasePolicy.verify(aCase("SUBPOENA", "CONSUMER", CaseStatus.VERIFICATION_PENDING, null),
						new AnswerCommand(null, " ", null), NOW));
		assertThat(missing.violations()).extracting(Violation::field).containsExactly("verified", "reason", "counsel");
	}

}
