package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel recorded a decision on a request. It carries the request's reporting attributes
 * so that a consumer can place the request in its report bucket from this event alone,
 * whatever order the two streams arrive in. Written when the decision takes effect: a
 * decision that needs a second approval (four eyes, issue 12) is published only once it
 * is approved, so every consumer counts it once.
 *
 * @param decision e.g. {@code REJECT}, {@code DISCLOSE_CONTENT},
 * {@code SEEK_CUSTOMER_CONSENT}
 * @param counsel who decided (for a four-eyes decision: who proposed it): the acting
 * person's opaque account id, the {@code sub} of their access token. Events written
 * before issue 12 hold the name counsel typed into the request body.
 * @param previousDecision the decision this one follows on the same case, or null for the
 * first
 * @param basis for a disclosure: {@code LEGAL_PROCESS}, {@code CUSTOMER_CONSENT} or
 * {@code CONTRACT} (null in older events and for non-disclosures)
 * @param approvedBy for a decision that needed a second approval: the approving senior
 * counsel's opaque account id, never equal to {@code counsel}; null otherwise and in
 * older events
 */
public record DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
		String previousDecision, RequestSummary request, String basis, String approvedBy) implements ReviewEvent {

	/** The fields before the second approval ({@code approvedBy}). */
	public DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
			String previousDecision, RequestSummary request, String basis) {
		this(requestId, decision, reason, counsel, decidedAt, previousDecision, request, basis, null);
	}

	/** The first version's fields only. */
	public DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
			String previousDecision, RequestSummary request) {
		this(requestId, decision, reason, counsel, decidedAt, previousDecision, request, null, null);
	}

}
