package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel corrected a final decision; the request moves from the previous bucket to the
 * new one.
 */
public record DecisionAmended(UUID requestId, String decision, String basis, String previousDecision,
		String previousBasis, String reason, String counsel, Instant amendedAt,
		RequestSummary request) implements ReviewEvent {
}
