package ler.intake.request.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

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
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes to the request stream and completes only when the broker has acknowledged the
 * record: the binding is {@code sync} with {@code acks=all}, so {@code send} blocks until
 * then (on a worker thread, never on the event loop) and throws when the broker cannot be
 * reached.
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
		return Mono.<Void>fromRunnable(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			boolean sent = this.streamBridge.send(BINDING,
					MessageBuilder.withPayload(payload)
						.setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8))
						.setHeader(CloudEventsKafka.CONTENT_TYPE_HEADER, CloudEventsKafka.structuredContentType())
						.build());
			sample.stop(this.meters.timer("ler.publish.latency", "stream", "requests"));
			if (!sent) {
				throw new PublishFailedException("the binder refused the record", null);
			}
		})
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.timeout)
			.onErrorMap((ex) -> !(ex instanceof PublishFailedException),
					(ex) -> new PublishFailedException(ex.getMessage(), ex))
			.doOnError((ex) -> this.meters.counter("ler.publish.failures", "stream", "requests").increment());
	}

}
