package ler.review.cases.application;

import java.util.List;

import ler.review.cases.store.OutboxEntry;
import reactor.core.publisher.Mono;

/**
 * Publishes a case's outbox entries, in sequence order, removing each entry once the
 * broker acknowledged it. Implemented at the messaging edge.
 */
public interface OutboxPublisher {

	/**
	 * Publishes these entries of one case's outbox, in the order given (sequence order),
	 * removing each once the broker acknowledged it; completes when all were.
	 */
	Mono<Void> publish(List<OutboxEntry> entries);

}
