package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data named by a preservation request is kept until {@code preservedUntil}; nothing is
 * disclosed.
 */
public record PreservationStarted(UUID requestId, Instant preservedUntil, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
