package ler.events;

import java.time.Instant;
import java.util.UUID;

/** The requester withdrew the request; review closes the case if it is still open. */
public record RequestWithdrawn(UUID requestId, String reason, Instant withdrawnAt) implements RequestEvent {
}
