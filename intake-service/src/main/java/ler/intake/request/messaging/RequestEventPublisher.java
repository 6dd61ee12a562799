package ler.intake.request.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ler.events.CloudEventsKafka;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.intake.request.IntakeProperties;
import ler.intake.request.PublishFailedException;
import ler.intake.request.RequestPublisher;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.integration.kafka.support.KafkaIntegrationHeaders;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes to the request stream and completes only when the broker has acknowledged the
 * record ({@code acks=all}). The binding sends asynchronously: the send hands the record
 * to the producer (on a worker thread: the producer may block up to {@code max.block.ms}
 * for metadata or buffer space, never on the event loop), and the binding's producer
 * hands the send's future back through {@link #SEND_RESULTS} (see
 * {@link IntakeBindings}); the publish completes when that future does, with no thread
 * waiting for the broker. So many submissions are in flight at once and the producer
 * batches them, where a {@code sync} binding held one worker thread per send until its
 * acknowledgement.
 */
@Component
public class RequestEventPublisher implements RequestPublisher {

	static final String BINDING = "requests-out-0";

	private final StreamBridge streamBridge;

	private final EventCodec codec;

	private final Duration timeout;

	private final MeterRegistry meters;

	RequestEventPublisher(StreamBridge streamBridge, EventCodec codec, IntakeProperties properties,
			MeterRegistry meters,
			@Value("${spring.cloud.stream.kafka.binder.producer-properties.max.block.ms:60000}") long maxBlockMs,
			@Value("${spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms:120000}") long deliveryTimeoutMs) {
		this.streamBridge = streamBridge;
		this.codec = codec;
		this.timeout = timeout(maxBlockMs, deliveryTimeoutMs, properties.publishMargin());
		this.meters = meters;
		// shown at 0 from the start, so an alert on its rate has a series to watch
		meters.counter("ler.publish.failures", "stream", "requests");
	}

	/**
	 * The longest a submitter waits for the broker: the producer's own limits
	 * ({@code max.block.ms} for metadata and buffer space, then
	 * {@code delivery.timeout.ms} for the acknowledgement, retries included) plus
	 * {@code ler.intake.publish-margin}. When it fires, the producer has already given
	 * the record up, so a submitter told "not accepted" is never contradicted by a late
	 * delivery.
	 */
	static Duration timeout(long maxBlockMs, long deliveryTimeoutMs, Duration margin) {
		return Duration.ofMillis(maxBlockMs + deliveryTimeoutMs).plus(margin);
	}

	/** See {@link #timeout(long, long, Duration)}. */
	@Override
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * Publishes one event in CloudEvents structured mode (the JSON envelope as the value,
	 * {@code content-type: application/cloudevents+json; charset=UTF-8}), keyed by the
	 * request id.
	 * @return completes when the broker acknowledged it; errors with
	 * {@link PublishFailedException} otherwise
	 */
	@Override
	public Mono<Void> publish(EventEnvelope<? extends RequestEvent> event) {
		byte[] payload = this.codec.encode(event);
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			PendingSend pending = new PendingSend();
			boolean sent = this.streamBridge.send(BINDING,
					MessageBuilder.withPayload(payload)
						.setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8))
						.setHeader(CloudEventsKafka.CONTENT_TYPE_HEADER, CloudEventsKafka.structuredContentType())
						.setHeader(KafkaIntegrationHeaders.FUTURE_TOKEN, pending)
						.build());
			if (!sent) {
				return Mono.error(new PublishFailedException("the binder refused the record", null));
			}
			CompletableFuture<?> acknowledged = pending.acknowledged;
			if (acknowledged == null) {
				// the binding's producer is not the one IntakeBindings configures
				return Mono.error(new PublishFailedException("the binding handed back no send result", null));
			}
			// the record is the producer's now: a cancelled publish must not pretend
			// otherwise, so the future is left to complete
			return Mono.fromFuture(acknowledged, true)
				.doOnSuccess((result) -> sample.stop(this.meters.timer("ler.publish.latency", "stream", "requests")))
				.then();
		})
			.subscribeOn(Schedulers.boundedElastic())
			// the timeout covers the send and the acknowledgement only: once
			// acknowledged,
			// the caller must never hear "not accepted"
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof PublishFailedException),
					(ex) -> new PublishFailedException(ex.getMessage(), ex))
			.doOnError((ex) -> this.meters.counter("ler.publish.failures", "stream", "requests").increment())
			// what follows (the view's write) leaves the producer's network thread, which
			// completes every send's future: a wait there (the store driver's pool lock,
			// seen at 15-25 ms in the profile) would hold up all other acknowledgements
			.publishOn(Schedulers.boundedElastic());
	}

	/**
	 * Where the binding's producer hands back each send's future
	 * ({@code KafkaProducerMessageHandler}'s futures channel): a message whose payload is
	 * the send's {@code CompletableFuture<SendResult>} (completed on the broker's
	 * acknowledgement, or exceptionally when the producer gave the record up) and whose
	 * {@link KafkaIntegrationHeaders#FUTURE_TOKEN} header is the token the publish sent
	 * with the record. The producer sends it on the publishing thread, before
	 * {@code StreamBridge.send} returns; the token never reaches the broker (the handler
	 * removes it from the record, and the binding's {@code header-patterns} exclude it).
	 */
	static final MessageChannel SEND_RESULTS = (message, timeout) -> {
		if (message.getHeaders().get(KafkaIntegrationHeaders.FUTURE_TOKEN) instanceof PendingSend pending
				&& message.getPayload() instanceof CompletableFuture<?> future) {
			pending.acknowledged = future;
		}
		return true;
	};

	/** One publish's token: the binding's producer puts the send's future in it. */
	private static final class PendingSend {

		/** Written and read on the publishing thread, during and after the send. */
		private CompletableFuture<?> acknowledged;

	}

}
