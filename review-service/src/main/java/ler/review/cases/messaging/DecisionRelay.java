package ler.review.cases.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import ler.review.cases.CaseIndexes;
import ler.review.cases.ReviewCases;
import ler.review.cases.ReviewProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes each case's outbox in sequence order and removes an entry only after the
 * broker acknowledged it. A crash after the publish and before the removal publishes the
 * same event (same id, same sequence) again: consumers drop it as a repeat.
 */
@Component
public class DecisionRelay {

	static final String BINDING = "decisions-out-0";

	/**
	 * Left to the publish that follows every save; the sweep is for what a crash left
	 * behind.
	 */
	static final Duration SWEEP_GRACE = Duration.ofSeconds(5);

	private static final Logger log = LoggerFactory.getLogger(DecisionRelay.class);

	private final ReviewCases cases;

	private final CaseIndexes indexes;

	private final StreamBridge streamBridge;

	private final Duration timeout;

	private final MeterRegistry meters;

	DecisionRelay(ReviewCases cases, CaseIndexes indexes, StreamBridge streamBridge, ReviewProperties properties,
			MeterRegistry meters) {
		this.cases = cases;
		this.indexes = indexes;
		this.streamBridge = streamBridge;
		this.timeout = properties.publishTimeout();
		this.meters = meters;
		// shown at 0 from the start, so an alert on its rate has a series to watch
		meters.counter("ler.publish.failures", "stream", "decisions");
	}

	public Mono<Void> publishPending(UUID requestId) {
		return this.cases.outbox(requestId)
			.flatMapMany(Flux::fromIterable)
			.concatMap((entry) -> send(entry).then(this.cases.published(entry)))
			.then();
	}

	/**
	 * Publishes what a crash or an outage left behind, found through the publication
	 * markers.
	 */
	@Scheduled(fixedDelayString = "${ler.review.relay-interval:1s}")
	void sweep() {
		this.indexes.pendingSince(java.time.Instant.now().minus(SWEEP_GRACE), 100)
			.concatMap((marker) -> publishPending(marker.caseId()).then(this.indexes.clearPending(marker))
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
	@Scheduled(fixedDelayString = "${ler.review.outbox-scan-interval:10m}",
			initialDelayString = "${ler.review.outbox-scan-interval:10m}")
	void scan() {
		this.cases.withUnpublishedEvents(java.time.Instant.now().minus(SWEEP_GRACE), 1000)
			.concatMap((requestId) -> publishPending(requestId).onErrorResume((ex) -> {
				log.warn("Relay could not publish the decision on {} yet: {}", requestId, ex.getMessage());
				return Mono.empty();
			}))
			.then()
			.block(Duration.ofMinutes(5));
	}

	private Mono<Void> send(ReviewCases.OutboxEntry entry) {
		return Mono.<Void>fromRunnable(() -> {
			long started = System.nanoTime();
			boolean sent = this.streamBridge.send(BINDING,
					MessageBuilder.withPayload(entry.payload())
						.setHeader(KafkaHeaders.KEY, entry.requestId().toString().getBytes(StandardCharsets.UTF_8))
						.setHeader("contentType", "application/cloudevents+json")
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
