package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel corrected a final decision; the request moves from the previous bucket to the
 * new one. An amendment always needs a second approval (four eyes, issue 12): this event
 * is written when the approval is given.
 *
 * @param counsel who proposed the amendment: an opaque account id, the {@code sub} of
 * their access token (events written before issue 12 hold a name typed into the body)
 * @param approvedBy the approving senior counsel's opaque account id, never equal to
 * {@code counsel}; null in events written before the second approval existed
 */
public record DecisionAmended(UUID requestId, String decision, String basis, String previousDecision,
		String previousBasis, String reason, String counsel, Instant amendedAt, RequestSummary request,
		String approvedBy) implements ReviewEvent {

	/** The fields before the second approval ({@code approvedBy}). */
	public DecisionAmended(UUID requestId, String decision, String basis, String previousDecision, String previousBasis,
			String reason, String counsel, Instant amendedAt, RequestSummary request) {
		this(requestId, decision, basis, previousDecision, previousBasis, reason, counsel, amendedAt, request, null);
	}

}
