package ler.review.cases.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import ler.review.cases.model.CaseCommand.Amend;
import ler.review.cases.model.CaseCommand.Approve;
import ler.review.cases.model.CaseCommand.Decide;
import ler.review.cases.model.CaseEvent.ApprovalRequested;
import ler.review.cases.model.CaseEvent.DecisionAmended;
import ler.review.cases.model.CaseEvent.DecisionRecorded;
import ler.review.cases.model.CaseEvent.ProposalApproved;
import ler.review.cases.model.CaseEvent.ProposalRejected;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.ProposalKind;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import org.junit.jupiter.api.Test;

import static ler.review.cases.model.CaseDeciderTest.DECIDER;
import static ler.review.cases.model.CaseDeciderTest.NOW;
import static ler.review.cases.model.CaseDeciderTest.aCase;
import static ler.review.cases.model.CaseDeciderTest.apply;
import static ler.review.cases.model.CaseDeciderTest.consent;
import static ler.review.cases.model.CaseDeciderTest.decide;
import static ler.review.cases.model.CaseDeciderTest.underReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Four eyes (issue 12): a content disclosure, an emergency disclosure without formal
 * process, a disclosure resting on consent and an amendment of a final decision are
 * proposals until a second, different senior counsel approves them; nothing is announced
 * before.
 */
class FourEyesTest {

	static final Instant LATER = NOW.plus(Duration.ofHours(2));

	static ReviewCase propose(ReviewCase c, String decision, String proposer) {
		return apply(c, new Decide(decision, "warrant covers it", proposer, null), NOW);
	}

	@Test
	void aContentDisclosureIsAProposalUntilASecondSeniorCounselApproves() {
		ReviewCase open = underReview("SEARCH_WARRANT");
		List<CaseEvent> proposed = DECIDER.decide(open, new Decide("DISCLOSE_CONTENT", "warrant", "counsel-a"), NOW);
		assertThat(proposed).containsExactly(new ApprovalRequested(new Proposal(ProposalKind.DECISION,
				Decision.DISCLOSE_CONTENT, "warrant", null, "counsel-a", NOW, List.of(CaseDecider.CONTENT))));
		assertThat(proposed).noneMatch(CaseEvent::announced);
		ReviewCase awaiting = CaseEvolver.fold(open, proposed);
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_APPROVAL);
		assertThat(awaiting.decision()).isNull();
		assertThat(awaiting.eventSequence()).isZero();
		assertThat(awaiting.awaitsCounsel()).isTrue();
		assertThat(awaiting.history()).last()
			.extracting(ReviewCase.HistoryEntry::actor, ReviewCase.HistoryEntry::action)
			.containsExactly("counsel-a", "DECISION_PROPOSED");
		// nothing else may be decided meanwhile
		assertThat(catchThrowableOfType(IllegalTransitionException.class, () -> decide(awaiting, "REJECT")).current())
			.isEqualTo(CaseStatus.AWAITING_APPROVAL);

		List<CaseEvent> approval = DECIDER.decide(awaiting, new Approve(true, "warrant checked", "senior-b"), LATER);
		assertThat(approval).containsExactly(new ProposalApproved("senior-b", "warrant checked", LATER),
				new DecisionRecorded(new RecordedDecision(Decision.DISCLOSE_CONTENT, CaseDecider.LEGAL_PROCESS, null,
						"warrant", "counsel-a", LATER, false, "senior-b"), null));
		ReviewCase decided = CaseEvolver.fold(awaiting, approval);
		assertThat(decided.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decided.proposal()).isNull();
		assertThat(decided.eventSequence()).isEqualTo(1);
		assertThat(decided.history()).extracting(ReviewCase.HistoryEntry::actor, ReviewCase.HistoryEntry::action)
			.endsWith(org.assertj.core.groups.Tuple.tuple("senior-b", "PROPOSAL_APPROVED"),
					org.assertj.core.groups.Tuple.tuple("counsel-a", "DECISION_RECORDED"));
	}

	@Test
	void theProposerCannotApproveOrRejectTheirOwnProposalEvenAsSeniorCounsel() {
		ReviewCase awaiting = propose(underReview("SEARCH_WARRANT"), "DISCLOSE_CONTENT", "senior-a");
		assertThat(catchThrowableOfType(FourEyesException.class,
				() -> DECIDER.decide(awaiting, new Approve(true, "fine", "senior-a"), LATER)))
			.isNotNull();
		assertThat(catchThrowableOfType(FourEyesException.class,
				() -> DECIDER.decide(awaiting, new Approve(false, "changed my mind", "senior-a"), LATER)))
			.isNotNull();
		assertThat(apply(awaiting, new Approve(true, "fine", "senior-b"), LATER).decision().approvedBy())
			.isEqualTo("senior-b");
	}

	@Test
	void aRejectedProposalIsDroppedAndTheCaseIsBackWhereItWasWithNothingAnnounced() {
		ReviewCase open = underReview("SEARCH_WARRANT");
		ReviewCase awaiting = propose(open, "DISCLOSE_CONTENT", "counsel-a");
		List<CaseEvent> rejection = DECIDER.decide(awaiting, new Approve(false, "warrant expired", "senior-b"), LATER);
		assertThat(rejection).containsExactly(new ProposalRejected("senior-b", "warrant expired", LATER));
		ReviewCase back = CaseEvolver.fold(awaiting, rejection);
		assertThat(back.status()).isEqualTo(CaseStatus.UNDER_REVIEW);
		assertThat(back.proposal()).isNull();
		assertThat(back.decision()).isNull();
		assertThat(back.eventSequence()).isZero();
		assertThat(back.history()).last()
			.isEqualTo(new ReviewCase.HistoryEntry(LATER, "senior-b", "PROPOSAL_REJECTED",
					"DECISION DISCLOSE_CONTENT proposed by counsel-a: warrant expired"));
		// and counsel may decide again
		assertThat(decide(back, "REJECT").status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void withoutAProposalPendingAnApprovalIsAnIllegalTransition() {
		assertThat(catchThrowableOfType(IllegalTransitionException.class,
				() -> DECIDER.decide(underReview("SUBPOENA"), new Approve(true, "x", "senior-b"), NOW))
			.current()).isEqualTo(CaseStatus.UNDER_REVIEW);
		ReviewCase decided = decide(underReview("SUBPOENA"), "REJECT");
		assertThat(catchThrowableOfType(IllegalTransitionException.class,
				() -> DECIDER.decide(decided, new Approve(true, "x", "senior-b"), NOW))
			.current()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void anEmergencyDisclosureWithoutFormalProcessNeedsASecondApprovalEvenForNonContent() {
		ReviewCase emergency = underReview("EMERGENCY");
		ReviewCase awaiting = propose(emergency, "DISCLOSE_NON_CONTENT", "counsel-a");
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_APPROVAL);
		assertThat(awaiting.proposal().grounds()).containsExactly(CaseDecider.EMERGENCY_WITHOUT_FORMAL_PROCESS);
		assertThat(propose(emergency, "DISCLOSE_CONTENT", "counsel-a").proposal().grounds())
			.containsExactly(CaseDecider.CONTENT, CaseDecider.EMERGENCY_WITHOUT_FORMAL_PROCESS);
		// the formal-process deadline runs from when the disclosure takes effect
		ReviewCase disclosed = apply(awaiting, new Approve(true, "danger to life", "senior-b"), LATER);
		assertThat(disclosed.formalProcessDueAt()).isEqualTo(LATER.plus(Duration.ofDays(14)));
		// refusing an emergency needs no second approval
		assertThat(decide(emergency, "REJECT").status()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void aDisclosureRestingOnTheCustomersConsentNeedsASecondApproval() {
		ReviewCase enterprise = aCase("SUBPOENA", "ENTERPRISE", true, null);
		ReviewCase granted = apply(decide(enterprise, "SEEK_CUSTOMER_CONSENT"), consent(true, "signed", "counsel-a"),
				NOW);
		ReviewCase awaiting = propose(granted, "DISCLOSE_NON_CONTENT", "counsel-a");
		assertThat(awaiting.proposal().grounds()).containsExactly(CaseDecider.RESTS_ON_CONSENT);
		ReviewCase disclosed = apply(awaiting, new Approve(true, "consent letter checked", "senior-b"), LATER);
		assertThat(disclosed.decision().basis()).isEqualTo(CaseDecider.CUSTOMER_CONSENT);
		assertThat(disclosed.decision().approvedBy()).isEqualTo("senior-b");
		// under a contract, non-content takes effect at once
		assertThat(CaseDeciderTest.decide(enterprise, "DISCLOSE_NON_CONTENT", "MSA 2011 s.14").status())
			.isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void everyAmendmentOfAFinalDecisionNeedsASecondApprovalAndIsNotOverdueMeanwhile() {
		ReviewCase decided = decide(underReview("SUBPOENA"), "DISCLOSE_NON_CONTENT");
		List<CaseEvent> proposed = DECIDER.decide(decided, new Amend("REJECT", "order quashed", "counsel-a", null),
				NOW);
		assertThat(proposed).containsExactly(new ApprovalRequested(new Proposal(ProposalKind.AMENDMENT, Decision.REJECT,
				"order quashed", null, "counsel-a", NOW, List.of(CaseDecider.AMENDS_FINAL_DECISION))));
		ReviewCase awaiting = CaseEvolver.fold(decided, proposed);
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_APPROVAL);
		assertThat(awaiting.decision().decision()).isEqualTo(Decision.DISCLOSE_NON_CONTENT);
		// the agency has its answer: an amendment awaiting approval is never overdue
		assertThat(awaiting.awaitsCounsel()).isFalse();
		assertThat(CaseDeciderTest.tick(awaiting, awaiting.dueAt().plus(Duration.ofDays(1)))).isEmpty();
		// a withdrawal now only is noted
		assertThat(DECIDER.decide(awaiting, new CaseCommand.Withdraw("late"), NOW))
			.containsExactly(new CaseEvent.WithdrawalAfterCloseNoted(CaseStatus.AWAITING_APPROVAL, "late", NOW));

		ReviewCase rejected = apply(awaiting, new Approve(false, "order stands", "senior-b"), LATER);
		assertThat(rejected.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(rejected.decision().decision()).isEqualTo(Decision.DISCLOSE_NON_CONTENT);

		List<CaseEvent> approval = DECIDER.decide(awaiting, new Approve(true, "quashing order seen", "senior-b"),
				LATER);
		assertThat(approval).containsExactly(new ProposalApproved("senior-b", "quashing order seen", LATER),
				new DecisionAmended(new RecordedDecision(Decision.REJECT, null, null, "order quashed", "counsel-a",
						LATER, true, "senior-b")));
		ReviewCase amended = CaseEvolver.fold(awaiting, approval);
		assertThat(amended.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(amended.eventSequence()).isEqualTo(decided.eventSequence() + 1);
	}

	@Test
	void aWithdrawalWhileADecisionAwaitsApprovalClosesTheCaseAndDropsTheProposal() {
		ReviewCase awaiting = propose(underReview("SEARCH_WARRANT"), "DISCLOSE_CONTENT", "counsel-a");
		ReviewCase withdrawn = apply(awaiting, new CaseCommand.Withdraw("served in error"), LATER);
		assertThat(withdrawn.status()).isEqualTo(CaseStatus.WITHDRAWN);
		assertThat(withdrawn.proposal()).isNull();
		assertThat(withdrawn.eventSequence()).isEqualTo(1);
	}

	@Test
	void aDecisionAwaitingApprovalPastItsDeadlineIsFlaggedOverdue() {
		ReviewCase awaiting = propose(underReview("SEARCH_WARRANT"), "DISCLOSE_CONTENT", "counsel-a");
		assertThat(CaseDeciderTest.tick(awaiting, awaiting.dueAt()))
			.containsExactly(new CaseEvent.CaseFlagged(CaseDecider.OVERDUE, awaiting.dueAt(), awaiting.dueAt()));
	}

	@Test
	void decisionsOutsideTheFourEyesRulesTakeEffectAtOnce() {
		assertThat(decide(underReview("SUBPOENA"), "DISCLOSE_NON_CONTENT").status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decide(underReview("SEARCH_WARRANT"), "NO_DATA_FOUND").status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decide(underReview("PRESERVATION"), "PRESERVE").status()).isEqualTo(CaseStatus.PRESERVED);
		ReviewCase enterprise = aCase("SEARCH_WARRANT", "ENTERPRISE", true, null);
		assertThat(decide(enterprise, "SEEK_CUSTOMER_CONSENT").status()).isEqualTo(CaseStatus.AWAITING_CONSENT);
		assertThat(decide(enterprise, "REDIRECT_TO_CUSTOMER").status()).isEqualTo(CaseStatus.DECIDED);
		// an unlawful proposal is refused outright, not put up for approval
		assertThat(CaseDeciderTest.violatedRule(() -> decide(underReview("SUBPOENA"), "DISCLOSE_CONTENT")))
			.isEqualTo("content-needs-warrant-or-order");
	}

}
