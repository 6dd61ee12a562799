package ler.review.cases.store;

import java.util.UUID;

/**
 * One contract event waiting in a case's outbox: its id and sequence on the stream, and
 * the encoded CloudEvents JSON to publish.
 */
public record OutboxEntry(UUID requestId, UUID eventId, long sequence, byte[] payload) {
}
