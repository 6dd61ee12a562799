package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel verified (or failed to verify) a requester whose email domain was not on the
 * allow-list.
 */
public record RequesterVerified(UUID requestId, boolean verified, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
