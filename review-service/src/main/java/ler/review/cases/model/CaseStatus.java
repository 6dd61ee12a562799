package ler.review.cases.model;

import java.util.Set;

/**
 * received -> (VERIFICATION_PENDING ->) UNDER_REVIEW (-> AWAITING_CONSENT ->
 * UNDER_REVIEW) -> one final state; a preservation request goes UNDER_REVIEW -> PRESERVED
 * -> PRESERVATION_EXPIRED.
 */
public enum CaseStatus {

	VERIFICATION_PENDING, UNDER_REVIEW, AWAITING_CONSENT, PRESERVED, DECIDED, WITHDRAWN, PRESERVATION_EXPIRED;

	/** The states that wait for counsel: the queue. */
	public static final Set<CaseStatus> AWAITING_COUNSEL = Set.of(VERIFICATION_PENDING, UNDER_REVIEW, AWAITING_CONSENT);

	public boolean awaitsCounsel() {
		return AWAITING_COUNSEL.contains(this);
	}

}
