package ler.review.cases.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * received -> (VERIFICATION_PENDING ->) UNDER_REVIEW (-> AWAITING_CONSENT ->
 * UNDER_REVIEW) -> one final state; a preservation request goes UNDER_REVIEW -> PRESERVED
 * -> PRESERVATION_EXPIRED. A decision or amendment that needs a second approval (four
 * eyes) goes UNDER_REVIEW or DECIDED -> AWAITING_APPROVAL, and back to where it came from
 * when approved (then on to its effect) or rejected.
 */
public enum CaseStatus {

	VERIFICATION_PENDING, UNDER_REVIEW, AWAITING_CONSENT, PRESERVED, DECIDED, WITHDRAWN, PRESERVATION_EXPIRED,
	/** A proposal ({@link ReviewCase#proposal()}) waits for a second senior counsel. */
	AWAITING_APPROVAL;

	/** The states that wait for counsel to decide. */
	public static final Set<CaseStatus> AWAITING_COUNSEL = Set.of(VERIFICATION_PENDING, UNDER_REVIEW, AWAITING_CONSENT);

	/**
	 * The queue's {@code PENDING}: every state in which someone of the legal team has to
	 * act, including a proposal awaiting its second approval.
	 */
	public static final Set<CaseStatus> PENDING = Set
		.copyOf(EnumSet.of(VERIFICATION_PENDING, UNDER_REVIEW, AWAITING_CONSENT, AWAITING_APPROVAL));

	/**
	 * Whether the state itself waits for counsel's decision; for
	 * {@link #AWAITING_APPROVAL} it depends on the proposal, see
	 * {@link ReviewCase#awaitsCounsel()}.
	 */
	public boolean awaitsCounsel() {
		return AWAITING_COUNSEL.contains(this);
	}

}
