package ler.review.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import ler.events.CloudEventsKafka;
import ler.review.cases.application.OutboxPublisher;
import ler.review.cases.store.CasePointers;
import ler.review.cases.store.OutboxEntry;
import ler.review.cases.store.CaseStore;
import ler.review.cases.application.ReviewProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * Publishes each case's outbox in sequence order and removes an entry only after the
 * broker acknowledged it. A crash after the publish and before the removal publishes the
 * same event (same id, same sequence) again: consumers drop it as a repeat.
 */
@Component
public class DecisionRelay implements OutboxPublisher {

	static final String BINDING = "decisions-out-0";

	/**
	 * Left to the publish that follows every save; the sweep is for what a crash left
	 * behind.
	 */
	static final Duration SWEEP_GRACE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(DecisionRelay.class);

	private final CaseStore cases;

	private final CasePointers pointers;

	private final StreamBridge streamBridge;

	private final Duration timeout;

	private final MeterRegistry meters;

	DecisionRelay(CaseStore cases, CasePointers pointers, StreamBridge streamBridge, ReviewProperties properties,
			MeterRegistry meters,
			@Value("${spring.cloud.stream.kafka.binder.producer-properties.max.block.ms:60000}") long maxBlockMs,
			@Value("${spring.cloud.stream.kafka.binder.producer-properties.delivery.timeout.ms:120000}") long deliveryTimeoutMs) {
		this.cases = cases;
		this.pointers = pointers;
		this.streamBridge = streamBridge;
		this.timeout = Duration.ofMillis(maxBlockMs + deliveryTimeoutMs).plus(properties.publishMargin());
		this.meters = meters;
		// shown at 0 from the start, so an alert on its rate has a series to watch
		meters.counter("ler.publish.failures", "stream", "decisions");
	}

	/** Publishes whatever the case's outbox holds, as stored now. */
	public Mono<Void> publishPending(UUID requestId) {
		return this.cases.outbox(requestId).flatMap(this::publish);
	}

	@Override
	public Mono<Void> publish(List<OutboxEntry> entries) {
		return Flux.fromIterable(entries).concatMap((entry) -> send(entry).then(this.cases.published(entry))).then();
	}

	/**
	 * Publishes what a crash or an outage left behind, found through the publication
	 * markers.
	 */
	public void sweep(Instant now) {
		this.pointers.pendingSince(now.minus(SWEEP_GRACE), 100)
			.concatMap((marker) -> publishPending(marker.caseId()).then(this.pointers.clearPending(marker))
				.onErrorResume((ex) -> {
					log.warn("Relay could not publish the events of {} yet: {}", marker.caseId(), ex.getMessage());
					return Mono.empty();
				}))
			.then()
			.block(Duration.ofMinutes(5));
	}

	/**
	 * A safety net under the markers: a full look at every case's outbox, rarely, for an
	 * entry whose marker was lost (e.g. cleared by a relay racing a save that then
	 * crashed).
	 */
	public void scan(Instant now) {
		this.cases.withUnpublishedEvents(now.minus(SWEEP_GRACE), 1000)
			.concatMap((requestId) -> publishPending(requestId).onErrorResume((ex) -> {
				log.warn("Relay could not publish the decision on {} yet: {}", requestId, ex.getMessage());
				return Mono.empty();
			}))
			.then()
			.block(Duration.ofMinutes(5));
	}

	private Mono<Void> send(OutboxEntry entry) {
		return Mono.<Void>fromRunnable(() -> {
			long started = System.nanoTime();
			boolean sent = this.streamBridge.send(BINDING,
					MessageBuilder.withPayload(entry.payload())
						.setHeader(KafkaHeaders.KEY, entry.requestId().toString().getBytes(StandardCharsets.UTF_8))
						.setHeader("contentType", "application/cloudevents+json")
						// the CloudEvents Kafka binding, structured mode
						.setHeader(CloudEventsKafka.CONTENT_TYPE_HEADER, CloudEventsKafka.structuredContentType())
						.build());
			this.meters.timer("ler.publish.latency", "stream", "decisions")
				.record(Duration.ofNanos(System.nanoTime() - started));
			if (!sent) {
				throw new IllegalStateException("the binder refused the record");
			}
		})
			.subscribeOn(Schedulers.boundedElastic())
			.timeout(this.timeout)
			.doOnError((ex) -> this.meters.counter("ler.publish.failures", "stream", "decisions").increment());
	}

}
