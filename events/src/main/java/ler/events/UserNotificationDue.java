package ler.events;

import java.time.Instant;
import java.util.UUID;

/** The nondisclosure order lapsed: the customer may now be told of the request. */
public record UserNotificationDue(UUID requestId, Instant nondisclosureUntil, Instant at) implements ReviewEvent {
}
