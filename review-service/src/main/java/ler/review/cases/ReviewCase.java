package ler.review.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A request under review as counsel sees it.
 *
 * @param version guards every change: a write succeeds only against the version it was
 * read at
 * @param eventSequence the sequence number of the last event this case published
 */
public record ReviewCase(UUID requestId, CaseStatus status, Request request, Instant openedAt,
		RecordedDecision decision, List<HistoryEntry> history, long version, long eventSequence) {

	public ReviewCase {
		history = List.copyOf(history);
	}

	public record Request(String agencyName, String country, String contactEmail, String service, String customerType,
			String legalProcess, List<Identifier> identifiers, Instant receivedAt, Instant submittedAt) {

		public Request {
			identifiers = List.copyOf(identifiers);
		}

	}

	public record Identifier(String type, String value) {
	}

	public record RecordedDecision(Decision decision, String reason, String counsel, Instant decidedAt) {
	}

	/** One immutable step of the audit trail: who did what, when, and why. */
	public record HistoryEntry(Instant at, String actor, String action, String detail) {
	}

}
