package ler.platform.deadletter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gauge counts what a dead-letter topic holds on a real broker, across partitions.
 */
class DeadLetterMeterIT {

	@Test
	void countsTheRecordsInEachTopic() throws Exception {
		EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 3, "ler.requests.dlq.test");
		broker.afterPropertiesSet();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		DeadLetterMeter meter = new DeadLetterMeter(meters, broker.getBrokersAsString(),
				List.of("ler.requests.dlq.test", "ler.decisions.dlq.test"), Duration.ofMillis(200));
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", broker.getBrokersAsString()), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < 5; i++) {
				producer.send(new ProducerRecord<>("ler.requests.dlq.test", "k" + i, "v")).get();
			}
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(
						meters.get("ler.dead.lettered.events").tag("topic", "ler.requests.dlq.test").gauge().value())
					.isEqualTo(5));
			assertThat(meters.get("ler.dead.lettered.events").tag("topic", "ler.decisions.dlq.test").gauge().value())
				.isZero();
		}
		finally {
			meter.destroy();
			broker.destroy();
		}
	}

}
