package ler.events;

import java.time.Instant;
import java.util.UUID;

/** A preservation was extended (once allowed) to {@code preservedUntil}. */
public record PreservationExtended(UUID requestId, Instant preservedUntil, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
