package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Counsel verified (or failed to verify) a requester whose email domain was not on the
 * allow-list.
 *
 * @param counsel who checked: an opaque account id, the {@code sub} of their access token
 * (events written before issue 12 hold a name typed into the request body)
 */
public record RequesterVerified(UUID requestId, boolean verified, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
