package ler.events;

import java.time.Instant;

/**
 * What reporting needs of a request, never its identifiers. Review events that change a
 * request's place in the figures carry it, so each can be placed from the event alone.
 *
 * @param overdue whether the case was flagged {@code OVERDUE} (past its answer deadline)
 * when the event was written; null in events written before the flag existed
 */
public record RequestSummary(String country, String service, String customerType, String legalProcess,
		int identifierCount, Instant receivedAt, Boolean overdue) {

	/** The first version's fields only. */
	public RequestSummary(String country, String service, String customerType, String legalProcess, int identifierCount,
			Instant receivedAt) {
		this(country, service, customerType, legalProcess, identifierCount, receivedAt, null);
	}

	public boolean wasOverdue() {
		return Boolean.TRUE.equals(this.overdue);
	}

}
