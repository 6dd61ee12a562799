package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The requester withdrew the request; review closes the case if it is still open.
 *
 * @param withdrawnBy the officer's account, an opaque id (the token's {@code sub}); null
 * in events written before attribution
 */
public record RequestWithdrawn(UUID requestId, String reason, Instant withdrawnAt,
		String withdrawnBy) implements RequestEvent {

	/** The fields before attribution. */
	public RequestWithdrawn(UUID requestId, String reason, Instant withdrawnAt) {
		this(requestId, reason, withdrawnAt, null);
	}

}
