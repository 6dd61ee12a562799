package ler.reporting.statistics.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.testsupport.LocalMongo;
import ler.reporting.statistics.ProjectionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Event types the projection does not know, and known ones that change no figure. */
class ProjectionWriterTest {

	final MongoClient client = MongoClients.create(LocalMongo.uri("x"));

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final EventCodec codec = new EventCodec();

	final ProjectionStore store = new ProjectionStore(
			this.client.getDatabase("writer_" + UUID.randomUUID().toString().replace("-", "")));

	final ProjectionWriter writer = new ProjectionWriter(this.codec, this.store, this.meters, Duration.ofSeconds(10));

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void skipsAndCountsAnEventTypeFromANewerProducer() {
		byte[] newer = event("RequestEscalated", 2, UUID.randomUUID());
		this.writer.onRequestEvent(record("ler.requests", newer));
		this.writer.onReviewEvent(record("ler.decisions", newer));
		assertThat(this.meters.counter("ler.projection.skipped", "stream", "requests").count()).isEqualTo(1);
		assertThat(this.meters.counter("ler.projection.skipped", "stream", "decisions").count()).isEqualTo(1);
		assertThat(this.store.counters(List.of()).collectList().block()).isEmpty();
	}

	@Test
	void aKnownEventThatChangesNoFigureIsNeitherWrittenNorSkipped() {
		UUID id = UUID.randomUUID();
		DocumentAttached attached = new DocumentAttached(id,
				new RequestReceived.Document("doc-1", "legal-process.pdf", "application/pdf", 1024, "ab".repeat(32)),
				Instant.parse("2012-03-14T10:00:00Z"));
		this.writer.onRequestEvent(record("ler.requests", this.codec
			.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 2, Instant.now(), attached))));
		assertThat(this.meters.counter("ler.projection.skipped", "stream", "requests").count()).isZero();
		assertThat(this.meters.find("ler.projection.apply").timer()).isNull();
		assertThat(this.store.counters(List.of()).collectList().block()).isEmpty();
	}

	@Test
	void aKnownEventThatCountsIsWritten() {
		UUID id = UUID.randomUUID();
		RequestReceived received = new RequestReceived(id, new RequestReceived.Agency("Agency", "GB", "a@police.uk"),
				"consumer", "CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")),
				Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:00Z"));
		this.writer.onRequestEvent(record("ler.requests", this.codec
			.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received))));
		assertThat(this.store.counters(List.of()).collectList().block()).singleElement()
			.satisfies((counters) -> assertThat(counters.counts()).containsEntry("consumer.all.total.requests", 1L));
	}

	/**
	 * A poll with a record that cannot be read: the records before it are applied, the
	 * container is told which one failed (it retries and dead-letters that one alone),
	 * and nothing after it is applied or counted yet.
	 */
	@Test
	void aBatchNamesItsFirstUnreadableRecordAndAppliesOnlyTheRecordsBeforeIt() {
		byte[] newer = event("RequestEscalated", 2, UUID.randomUUID());
		List<byte[]> payloads = List.of(received("GB"), newer, received("GB"),
				"{not json".getBytes(StandardCharsets.UTF_8), received("US"), newer);
		Message<List<byte[]>> poll = poll(1, 10L, payloads);
		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> this.writer.onRequestEvents(poll))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(3));
		assertThat(this.store.counters(List.of()).collectList().block()).singleElement()
			.satisfies((counters) -> assertThat(counters.counts()).containsEntry("consumer.all.total.requests", 2L)
				.containsEntry("consumer.country.GB.requests", 2L)
				.doesNotContainKey("consumer.country.US.requests"));
		assertThat(this.meters.counter("ler.projection.skipped", "stream", "requests").count())
			.as("only the skip before the failed record")
			.isEqualTo(1);
		// the container goes on from the failed record; once it is dead-lettered, with
		// the rest
		this.writer.onRequestEvents(poll(1, 14L, payloads.subList(4, 6)));
		assertThat(this.store.counters(List.of()).collectList().block()).singleElement()
			.satisfies((counters) -> assertThat(counters.counts()).containsEntry("consumer.all.total.requests", 3L));
		assertThat(this.meters.counter("ler.projection.skipped", "stream", "requests").count()).isEqualTo(2);
	}

	/**
	 * A record that reads as an event but lacks what the figures need (no agency): the
	 * failure names that record, so the container dead-letters it alone, never the poll.
	 */
	@Test
	void anIncompleteEventNamesItsRecordNotThePoll() {
		Message<List<byte[]>> poll = poll(0, 1L,
				List.of(received("GB"), event("RequestReceived", 1, UUID.randomUUID())));
		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> this.writer.onRequestEvents(poll))
			.satisfies((ex) -> assertThat(ex.getIndex()).isEqualTo(1));
		assertThat(this.store.counters(List.of()).collectList().block()).singleElement()
			.satisfies((counters) -> assertThat(counters.counts()).containsEntry("consumer.all.total.requests", 1L));
	}

	/**
	 * A CloudEvent of the request stream whose data holds only the request id: of a type
	 * this version may not know, or lacking what the figures need.
	 */
	private static byte[] event(String type, int sequence, UUID requestId) {
		return """
				{"specversion":"1.0","id":"%s","source":"/intake-service","type":"%s",
				 "subject":"%s","time":"2026-01-01T00:00:00Z","sequence":%d,"data":{"requestId":"%s"}}"""
			.formatted(UUID.randomUUID(), type, requestId, sequence, requestId)
			.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A poll of {@code ler.requests}: the records of one partition from
	 * {@code firstOffset} on.
	 */
	private static Message<List<byte[]>> poll(int partition, long firstOffset, List<byte[]> payloads) {
		List<Long> offsets = java.util.stream.LongStream.range(firstOffset, firstOffset + payloads.size())
			.boxed()
			.toList();
		return MessageBuilder.withPayload(payloads)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, java.util.Collections.nCopies(payloads.size(), "ler.requests"))
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, java.util.Collections.nCopies(payloads.size(), partition))
			.setHeader(KafkaHeaders.OFFSET, offsets)
			.build();
	}

	private byte[] received(String country) {
		UUID id = UUID.randomUUID();
		RequestReceived received = new RequestReceived(id,
				new RequestReceived.Agency("Agency", country, "a@police.example"), "consumer", "CONSUMER", "SUBPOENA",
				List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")),
				Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:00Z"));
		return this.codec
			.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, Instant.now(), received));
	}

	private static Message<byte[]> record(String topic, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topic)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
			.setHeader(KafkaHeaders.OFFSET, 0L)
			.build();
	}

}
