package ler.intake.request;

import java.time.Duration;

import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import reactor.core.publisher.Mono;

/**
 * Publishes request events to the request stream; implemented at the messaging edge.
 */
public interface RequestPublisher {

	/**
	 * The longest one publish may take: the producer's own delivery timeout plus a
	 * margin.
	 */
	Duration timeout();

	/**
	 * Completes once the broker acknowledged the event (acks=all).
	 * @throws PublishFailedException (as the error signal) when it did not
	 */
	Mono<Void> publish(EventEnvelope<? extends RequestEvent> event);

}
