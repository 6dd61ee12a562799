package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A preservation was extended (once allowed) to {@code preservedUntil}.
 *
 * @param counsel who extended it: an opaque account id, the {@code sub} of their access
 * token (events written before issue 12 hold a name typed into the request body)
 */
public record PreservationExtended(UUID requestId, Instant preservedUntil, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
