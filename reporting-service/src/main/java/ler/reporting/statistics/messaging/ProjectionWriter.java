package ler.reporting.statistics.messaging;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.ReviewEvent;
import ler.events.UnknownEventTypeException;
import ler.reporting.statistics.Contribution;
import ler.reporting.statistics.ProjectionStore;
import ler.reporting.statistics.ProjectionStore.LogPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Feeds the statistics projection, one record at a time and blocking: a record that fails
 * is retried by the binder, then dead-lettered, and offsets never pass it silently. A
 * dead letter is applied again through the same methods (the re-drive), with the headers
 * of its original position ({@link KafkaHeaders#RECEIVED_TOPIC},
 * {@link KafkaHeaders#RECEIVED_PARTITION}, {@link KafkaHeaders#OFFSET}).
 */
@Component
public class ProjectionWriter {

	private static final Logger log = LoggerFactory.getLogger(ProjectionWriter.class);

	private final EventCodec codec;

	private final ProjectionStore store;

	private final MeterRegistry meters;

	private final Duration writeTimeout;

	/**
	 * @param writeTimeout how long one attempt to apply a record waits for the store;
	 * after the binder's attempts the record is dead-lettered
	 */
	ProjectionWriter(EventCodec codec, ProjectionStore store, MeterRegistry meters,
			@Value("${ler.reporting.projection.write-timeout:30s}") Duration writeTimeout) {
		this.codec = codec;
		this.store = store;
		this.meters = meters;
		this.writeTimeout = writeTimeout;
		// shown at 0 from the start, so dashboards and alerts have a series to watch
		for (String stream : new String[] { "requests", "decisions" }) {
			meters.counter("ler.projection.repeats", "stream", stream);
			meters.counter("ler.projection.skipped", "stream", stream);
		}
	}

	/**
	 * Applies a record of {@code ler.requests}.
	 * @throws RuntimeException the record cannot be applied (unreadable, store failing)
	 */
	public void onRequestEvent(Message<byte[]> message) {
		EventEnvelope<RequestEvent> envelope;
		try {
			envelope = this.codec.decodeRequestEvent(message.getPayload());
		}
		catch (UnknownEventTypeException ex) {
			skipped("requests", ex);
			return;
		}
		project("requests", envelope, message);
	}

	/**
	 * Applies a record of {@code ler.decisions}.
	 * @throws RuntimeException the record cannot be applied (unreadable, store failing)
	 */
	public void onReviewEvent(Message<byte[]> message) {
		EventEnvelope<ReviewEvent> envelope;
		try {
			envelope = this.codec.decodeReviewEvent(message.getPayload());
		}
		catch (UnknownEventTypeException ex) {
			skipped("decisions", ex);
			return;
		}
		project("decisions", envelope, message);
	}

	/**
	 * Every known type is decided in {@link Contribution#ofEvent}; those that change no
	 * figure are not written.
	 */
	private void project(String stream, EventEnvelope<?> envelope, Message<byte[]> message) {
		Contribution.ofEvent(envelope.data())
			.filter((contribution) -> !contribution.increments().isEmpty())
			.ifPresent((contribution) -> apply(stream, envelope, position(message), contribution));
	}

	private void apply(String stream, EventEnvelope<?> envelope, LogPosition position, Contribution contribution) {
		Timer.Sample sample = Timer.start(this.meters);
		Boolean changed = this.store.apply(envelope.requestId(), stream, envelope.sequence(), position, contribution)
			.block(this.writeTimeout);
		sample.stop(this.meters.timer("ler.projection.apply", "stream", stream));
		if (!Boolean.TRUE.equals(changed)) {
			this.meters.counter("ler.projection.repeats", "stream", stream).increment();
		}
	}

	private void skipped(String stream, UnknownEventTypeException ex) {
		log.info("Skipping an event this version does not know: {}", ex.getMessage());
		this.meters.counter("ler.projection.skipped", "stream", stream).increment();
	}

	private static LogPosition position(Message<byte[]> message) {
		return new LogPosition(message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class),
				message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION, Integer.class),
				message.getHeaders().get(KafkaHeaders.OFFSET, Long.class));
	}

}
