package ler.reporting.statistics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.reporting.deadletter.messaging.DeadLetters;
import ler.testsupport.ServiceUnderTest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The re-drive applies dead letters to the projection itself (reporting may not write the
 * event topics): an event dead-lettered while the store was down counts once re-driven;
 * one still unreadable becomes a new dead letter with its error; nothing is sent to the
 * event topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class DeadLetterRedriveIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "reporting_redrive_test");
	}

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	DeadLetters deadLetters;

	@Autowired
	ProjectionStore store;

	@Test
	void redrivenDeadLettersAreAppliedOnceAndStillFailingOnesComeBack() throws Exception {
		RequestReceived lost = Events.received(UUID.randomUUID(), "IS", "SUBPOENA", 2, "2003-03-14T10:00:00Z");
		byte[] event = new EventCodec()
			.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", lost.requestId(), 1, Instant.now(), lost));
		UUID poison = UUID.randomUUID();
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			// as the binder writes them after its attempts (here: as if the store had
			// been
			// down)
			producer.send(deadLetter(lost.requestId(), event, 1, 41L)).get(10, TimeUnit.SECONDS);
			producer.send(deadLetter(poison, "{\"poison\":true}".getBytes(StandardCharsets.UTF_8), 2, 7L))
				.get(10, TimeUnit.SECONDS);
		}
		assertThat(requestsIn2003()).isZero();
		long eventsBefore = endOffsets("ler.requests");

		assertThat(this.deadLetters.redrive()).isEqualTo(2);

		assertThat(requestsIn2003()).isEqualTo(1);
		List<DeadLetters.DeadLetter> letters = this.deadLetters.list();
		assertThat(letters.stream().filter((l) -> lost.requestId().toString().equals(l.key())))
			.extracting(DeadLetters.DeadLetter::redriven)
			.containsExactly(true);
		List<DeadLetters.DeadLetter> poisoned = letters.stream()
			.filter((l) -> poison.toString().equals(l.key()))
			.toList();
		assertThat(poisoned).extracting(DeadLetters.DeadLetter::redriven).containsExactly(true, false);
		assertThat(poisoned.get(1).originalTopic()).isEqualTo("ler.requests");
		assertThat(poisoned.get(1).originalOffset()).isEqualTo(7L);
		assertThat(poisoned.get(1).exception()).isNotBlank();
		// nothing went back to the event topic
		assertThat(endOffsets("ler.requests")).isEqualTo(eventsBefore);

		// a second re-drive finds only the new dead letter; the event is not counted
		// again
		assertThat(this.deadLetters.redrive()).isEqualTo(1);
		assertThat(requestsIn2003()).isEqualTo(1);
	}

	private static ProducerRecord<byte[], byte[]> deadLetter(UUID key, byte[] value, int partition, long offset) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>("ler.requests.dlq.reporting", partition,
				key.toString().getBytes(StandardCharsets.UTF_8), value);
		record.headers()
			.add("x-original-topic", "ler.requests".getBytes(StandardCharsets.UTF_8))
			.add("x-original-partition", ByteBuffer.allocate(4).putInt(partition).array())
			.add("x-original-offset", ByteBuffer.allocate(8).putLong(offset).array())
			.add("x-exception-message", "store timed out".getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private long requestsIn2003() {
		Period period = Period.parse("2003");
		return Statistics
			.of(period,
					Figures.sum(this.store.counters(period.halfYears()).collectList().block(Duration.ofSeconds(10))))
			.totals()
			.requests();
	}

	private long endOffsets(String topic) throws Exception {
		try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
				new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			var partitions = consumer.partitionsFor(topic)
				.stream()
				.map((p) -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
				.toList();
			return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
		}
	}

}
