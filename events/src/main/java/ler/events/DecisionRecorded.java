package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel recorded a decision on a request. It carries the request's reporting attributes
 * so that a consumer can place the request in its report bucket from this event alone,
 * whatever order the two streams arrive in.
 *
 * @param decision e.g. {@code REJECT}, {@code DISCLOSE_CONTENT},
 * {@code SEEK_CUSTOMER_CONSENT}
 * @param previousDecision the decision this one follows on the same case, or null for the
 * first
 * @param basis for a disclosure: {@code LEGAL_PROCESS}, {@code CUSTOMER_CONSENT} or
 * {@code CONTRACT} (null in older events and for non-disclosures)
 */
public record DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
		String previousDecision, RequestSummary request, String basis) implements ReviewEvent {

	/** The first version's fields only. */
	public DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
			String previousDecision, RequestSummary request) {
		this(requestId, decision, reason, counsel, decidedAt, previousDecision, request, null);
	}

}
