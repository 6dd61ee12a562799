package ler.review.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DecisionPolicyTest {

	static final Instant NOW = Instant.parse("2012-03-20T09:30:00Z");

	static ReviewCase aPendingSubpoena() {
		return new ReviewCase(UUID.randomUUID(), CaseStatus.PENDING,
				new ReviewCase.Request("Metropolitan Police Service", "GB", "liaison@met.police.uk", "consumer",
						"CONSUMER", "SUBPOENA", List.of(new ReviewCase.Identifier("EMAIL", "someone@example.com")),
						Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z")),
				Instant.parse("2012-03-14T10:00:06Z"), null,
				List.of(new ReviewCase.HistoryEntry(Instant.parse("2012-03-14T10:00:06Z"), "intake-service",
						"REQUEST_RECEIVED", "SUBPOENA")),
				0, 0);
	}

	@Test
	void aFinalDecisionClosesTheCaseAndIsAttributable() {
		ReviewCase decided = DecisionPolicy.decide(aPendingSubpoena(),
				new DecisionCommand("DISCLOSE_NON_CONTENT", "valid subpoena", "counsel-7"), NOW);
		assertThat(decided.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decided.decision()).isEqualTo(
				new ReviewCase.RecordedDecision(Decision.DISCLOSE_NON_CONTENT, "valid subpoena", "counsel-7", NOW));
		assertThat(decided.version()).isEqualTo(1);
		assertThat(decided.eventSequence()).isEqualTo(1);
		assertThat(decided.history()).hasSize(2)
			.last()
			.isEqualTo(new ReviewCase.HistoryEntry(NOW, "counsel-7", "DECISION_RECORDED",
					"DISCLOSE_NON_CONTENT: valid subpoena"));
	}

	@Test
	void aDecidedCaseCannotBeDecidedAgain() {
		ReviewCase decided = DecisionPolicy.decide(aPendingSubpoena(), new DecisionCommand("REJECT", "over-broad", "c"),
				NOW);
		IllegalTransitionException ex = catchThrowableOfType(IllegalTransitionException.class, () -> DecisionPolicy
			.decide(decided, new DecisionCommand("DISCLOSE_CONTENT", "changed mind", "c"), NOW));
		assertThat(ex.current()).isEqualTo(CaseStatus.DECIDED);
	}

	@Test
	void seekingConsentKeepsTheCaseOpenForOneFinalDecision() {
		ReviewCase awaiting = DecisionPolicy.decide(aPendingSubpoena(),
				new DecisionCommand("SEEK_CUSTOMER_CONSENT", "enterprise customer", "c"), NOW);
		assertThat(awaiting.status()).isEqualTo(CaseStatus.AWAITING_CONSENT);
		assertThatThrownBy(
				() -> DecisionPolicy.decide(awaiting, new DecisionCommand("SEEK_CUSTOMER_CONSENT", "again", "c"), NOW))
			.isInstanceOf(IllegalTransitionException.class);
		ReviewCase decided = DecisionPolicy.decide(awaiting,
				new DecisionCommand("REDIRECT_TO_CUSTOMER", "refused", "c"), NOW);
		assertThat(decided.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(decided.eventSequence()).isEqualTo(2);
	}

	@Test
	void namesEveryBadField() {
		InvalidDecisionException ex = catchThrowableOfType(InvalidDecisionException.class,
				() -> DecisionPolicy.decide(aPendingSubpoena(), new DecisionCommand("APPROVE", " ", null), NOW));
		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("decision", "one-of"),
					org.assertj.core.groups.Tuple.tuple("reason", "required"),
					org.assertj.core.groups.Tuple.tuple("counsel", "required"));
		assertThatThrownBy(() -> DecisionPolicy.validate(null)).isInstanceOf(InvalidDecisionException.class);
	}

}
