package ler.intake.request.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.intake.request.IntakeProperties;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
public class RequestEventPublisher {

	static final String BINDING = "requests-out-0";

	private final StreamBridge streamBridge;

	private final EventCodec codec;

	private final Duration timeout;

	private final MeterRegistry meters;

	RequestEventPublisher(StreamBridge streamBridge, EventCodec codec, IntakeProperties properties,
			MeterRegistry meters) {
		this.streamBridge = streamBridge;
		this.codec = codec;
		this.timeout = properties.publishTimeout();
		this.meters = meters;
		// shown at 0 from the start, so an alert on its rate has a series to watch
		meters.counter("ler.publish.failures", "stream", "requests");
	}

	public Mono<Void> publish(EventEnvelope<? extends RequestEvent> event) {
		byte[] payload = this.codec.encode(event);
		return Mono.<Void>fromRunnable(() -> {
			Timer.Sample sample = Timer.start(this.meters);
			boolean sent = this.streamBridge.send(BINDING,
					MessageBuilder.withPayload(payload)
						.setHeader(KafkaHeaders.KEY, event.subject().getBytes(StandardCharsets.UTF_8))
						.setHeader("contentType", "application/cloudevents+json")
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
