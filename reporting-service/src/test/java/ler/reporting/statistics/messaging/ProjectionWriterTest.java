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

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

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
		UUID id = UUID.randomUUID();
		String newer = """
				{"specversion":"1.0","id":"%s","source":"/intake-service","type":"RequestEscalated",
				 "subject":"%s","time":"2026-01-01T00:00:00Z","sequence":2,"data":{"requestId":"%s"}}"""
			.formatted(UUID.randomUUID(), id, id);
		this.writer.onRequestEvent(record("ler.requests", newer.getBytes(StandardCharsets.UTF_8)));
		this.writer.onReviewEvent(record("ler.decisions", newer.getBytes(StandardCharsets.UTF_8)));
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

	private static Message<byte[]> record(String topic, byte[] payload) {
		return MessageBuilder.withPayload(payload)
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, topic)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
			.setHeader(KafkaHeaders.OFFSET, 0L)
			.build();
	}

}
