package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Data named by a preservation request is kept until {@code preservedUntil}; nothing is
 * disclosed.
 *
 * @param counsel who decided: an opaque account id, the {@code sub} of their access token
 * (events written before issue 12 hold a name typed into the request body)
 */
public record PreservationStarted(UUID requestId, Instant preservedUntil, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
