package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A preservation lapsed without legal process following it; the data need no longer be
 * kept.
 */
public record PreservationExpired(UUID requestId, Instant expiredAt) implements ReviewEvent {
}
