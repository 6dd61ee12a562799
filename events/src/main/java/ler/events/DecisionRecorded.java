package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel recorded a decision on a request. It carries the request's reporting attributes
 * so that a consumer can place the request in its report bucket from this event alone,
 * whatever order the two streams arrive in.
 *
 * @param decision e.g. {@code REJECT}, {@code DISCLOSE_CONTENT}
 * @param previousDecision the decision this one replaces, or null for the first
 */
public record DecisionRecorded(UUID requestId, String decision, String reason, String counsel, Instant decidedAt,
		String previousDecision, RequestSummary request) implements ReviewEvent {

	/** What reporting needs of the request, never its identifiers. */
	public record RequestSummary(String country, String service, String customerType, String legalProcess,
			int identifierCount, Instant receivedAt) {
	}

}
