package ler.events;

import java.time.Instant;
import java.util.UUID;

/** An open case closed because the requester withdrew the request. */
public record CaseWithdrawn(UUID requestId, String reason, Instant at, RequestSummary request) implements ReviewEvent {
}
