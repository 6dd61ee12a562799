package ler.reporting.statistics.messaging;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.ReviewEvent;
import ler.events.UnknownEventTypeException;
import ler.platform.deadletter.Polls;
import ler.reporting.statistics.Contribution;
import ler.reporting.statistics.ProjectionStore;
import ler.reporting.statistics.ProjectionStore.Item;
import ler.reporting.statistics.ProjectionStore.LogPosition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.stereotype.Component;

/**
 * Feeds the statistics projection, one poll of records at a time and blocking (one batch
 * of store writes per poll, ADR 11): a record that fails is retried by the container's
 * error handler, then dead-lettered alone, and offsets never pass it silently. A dead
 * letter is applied again through the same methods (the re-drive), with the headers of
 * its original position ({@link KafkaHeaders#RECEIVED_TOPIC},
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
	 * Applies one poll of {@code ler.requests} records (batch mode), in one batch of
	 * store writes ({@link ProjectionStore#applyAll}), record by record if that fails
	 * ({@link Polls}: applying twice is idempotent, the claims see to that).
	 * @throws BatchListenerFailedException naming the first record that cannot be
	 * applied: every record before it is applied, and the container's error handler
	 * retries from it, then dead-letters that one record and goes on with the rest
	 */
	public void onRequestEvents(Message<List<byte[]>> records) {
		projectAll("requests", records, this.codec::decodeRequestEvent);
	}

	/**
	 * Applies one poll of {@code ler.decisions} records (batch mode); see
	 * {@link #onRequestEvents}.
	 */
	public void onReviewEvents(Message<List<byte[]>> records) {
		projectAll("decisions", records, this.codec::decodeReviewEvent);
	}

	private void projectAll(String stream, Message<List<byte[]>> records, Function<byte[], EventEnvelope<?>> decoder) {
		List<byte[]> payloads = records.getPayload();
		Polls.apply(payloads.size(), (i) -> read(stream, records.getHeaders(), i, payloads.get(i), decoder),
				(items) -> applyAll(stream, items), (item) -> apply(stream, item));
	}

	/**
	 * Everything that reads the i-th record, in one place: whatever fails names this
	 * record, never the whole poll. A known type that changes no figure is nothing to
	 * apply; an unknown type is skipped, logged and counted once passed for good.
	 */
	private Polls.Read<Item> read(String stream, MessageHeaders headers, int i, byte[] payload,
			Function<byte[], EventEnvelope<?>> decoder) {
		EventEnvelope<?> envelope;
		try {
			envelope = decoder.apply(payload);
		}
		catch (UnknownEventTypeException ex) {
			return Polls.Read.skip(() -> skipped(stream, ex));
		}
		return Contribution.ofEvent(envelope.data())
			.filter((c) -> !c.increments().isEmpty())
			.map((c) -> Polls.Read
				.item(new Item(envelope.requestId(), stream, envelope.sequence(), position(headers, i), c)))
			.orElseGet(() -> Polls.Read.skip(() -> {
			}));
	}

	/** The poll's items in one batch of store writes; throws when that failed. */
	private void applyAll(String stream, List<Item> items) {
		Timer.Sample sample = Timer.start(this.meters);
		List<Boolean> results = this.store.applyAll(items).block(this.writeTimeout);
		sample.stop(this.meters.timer("ler.projection.apply", "stream", stream));
		this.meters.summary("ler.projection.batch", "stream", stream).record(items.size());
		long repeats = results.stream().filter((completed) -> !Boolean.TRUE.equals(completed)).count();
		this.meters.counter("ler.projection.repeats", "stream", stream).increment(repeats);
	}

	private void apply(String stream, Item item) {
		Timer.Sample sample = Timer.start(this.meters);
		Boolean changed = this.store
			.apply(item.requestId(), item.stream(), item.sequence(), item.position(), item.contribution())
			.block(this.writeTimeout);
		sample.stop(this.meters.timer("ler.projection.apply", "stream", stream));
		if (!Boolean.TRUE.equals(changed)) {
			this.meters.counter("ler.projection.repeats", "stream", stream).increment();
		}
	}

	/**
	 * The i-th record's position: in batch mode each header is a list, in record order.
	 */
	private static LogPosition position(MessageHeaders headers, int i) {
		return new LogPosition((String) element(headers.get(KafkaHeaders.RECEIVED_TOPIC), i),
				(Integer) element(headers.get(KafkaHeaders.RECEIVED_PARTITION), i),
				(Long) element(headers.get(KafkaHeaders.OFFSET), i));
	}

	private static Object element(Object header, int i) {
		return (header instanceof List<?> list) ? list.get(i) : header;
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
		apply(stream, new Item(envelope.requestId(), stream, envelope.sequence(), position, contribution));
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
