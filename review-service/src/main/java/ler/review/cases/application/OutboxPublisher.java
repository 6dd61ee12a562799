package ler.review.cases.application;

import java.util.UUID;

import reactor.core.publisher.Mono;

/**
 * Publishes a case's outbox, in sequence order, removing each entry once the broker
 * acknowledged it. Implemented at the messaging edge.
 */
public interface OutboxPublisher {

	/** Completes when every entry the case's outbox held has been acknowledged. */
	Mono<Void> publishPending(UUID caseId);

}
