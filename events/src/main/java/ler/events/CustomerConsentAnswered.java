package ler.events;

import java.time.Instant;
import java.util.UUID;

/** The enterprise customer granted or refused consent to a disclosure. */
public record CustomerConsentAnswered(UUID requestId, boolean granted, String reason, String counsel,
		Instant at) implements ReviewEvent {
}
