package ler.events;

import java.time.Instant;
import java.util.UUID;

/** The legal-process document was uploaded after the request. */
public record DocumentAttached(UUID requestId, RequestReceived.Document document,
		Instant attachedAt) implements RequestEvent {
}
