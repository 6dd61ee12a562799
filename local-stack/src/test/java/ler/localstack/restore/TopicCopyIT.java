package ler.localstack.restore;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ler.localstack.KafkaAccess;
import ler.localstack.LocalStack;
import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The copy between two secured brokers as the launcher starts them (no services): every
 * partition arrives whole, in order, in the same partition, with keys, values, headers
 * and timestamps, logged in with the admin credentials read from each data directory; a
 * destination that is not empty or has other partition counts is refused.
 */
class TopicCopyIT {

	static LocalStack origin;

	static LocalStack destination;

	@BeforeAll
	static void startBrokers() throws Exception {
		origin = broker("topic-copy-origin");
		destination = broker("topic-copy-destination");
	}

	@AfterAll
	static void stopBrokers() {
		for (LocalStack stack : new LocalStack[] { origin, destination }) {
			if (stack != null) {
				stack.close();
			}
		}
	}

	@Test
	void copiesEveryPartitionInOffsetOrderIntoTheSamePartitionWithKeysValuesHeadersAndTimestamps() throws Exception {
		Map<String, Object> from = KafkaAccess.adminClient(origin.settings().dataDir());
		Map<String, Object> to = KafkaAccess.adminClient(destination.settings().dataDir());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(from, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < 300; i++) {
				// explicit partitions: the copy must not re-partition by key
				int partition = i % 3;
				String topic = (i % 5 == 0) ? "ler.decisions" : "ler.requests";
				byte[] key = (i % 7 == 0) ? null : ("request-" + (i % 11)).getBytes(StandardCharsets.UTF_8);
				byte[] value = (i % 13 == 0) ? null : ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, partition,
						1_325_376_000_000L + i * 60_000L, key, value);
				record.headers().add(new RecordHeader("content-type", "application/cloudevents+json".getBytes()));
				if (i % 4 == 0) {
					record.headers().add(new RecordHeader("x-original-offset", String.valueOf(i).getBytes()));
					record.headers().add(new RecordHeader("x-empty", null));
				}
				producer.send(record);
			}
			producer
				.send(new ProducerRecord<>("ler.requests.dlq.reporting", 1, "k".getBytes(), "{not an event".getBytes()))
				.get(30, TimeUnit.SECONDS);
			producer.flush();
		}
		List<String> topics = KafkaAccess.declaredTopics();
		var before = TopicRecords.read(from, topics);

		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		Map<TopicPartition, Long> copied;
		try (Origin o = Origin.broker(from, topics);
				Destination d = Destination.broker(to, new KafkaAccess.TopicSettings(3, (short) 1, 1))) {
			copied = TopicCopy.copy(o, d, new PrintStream(printed, true, StandardCharsets.UTF_8));
		}

		assertThat(copied.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(301);
		assertThat(copied).containsEntry(new TopicPartition("ler.requests.dlq.reporting", 1), 1L)
			.containsEntry(new TopicPartition("ler.requests.dlq.intake", 0), 0L);
		assertThat(TopicRecords.differences(before, TopicRecords.read(to, topics))).isEmpty();
		assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ler.requests-2")
			.contains("every partition at the destination holds what was read")
			.doesNotContain("request-")
			.doesNotContain("{\"n\"");
		try (Admin admin = Admin.create(to)) {
			ConfigEntry retention = admin
				.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "ler.requests")))
				.all()
				.get(30, TimeUnit.SECONDS)
				.values()
				.iterator()
				.next()
				.get("retention.ms");
			assertThat(retention.value()).isEqualTo("-1");
		}

		// a second copy into the same topics would repeat every record: refused
		try (Origin o = Origin.broker(from, topics);
				Destination d = Destination.broker(to, new KafkaAccess.TopicSettings(3, (short) 1, 1))) {
			assertThatThrownBy(() -> TopicCopy.copy(o, d, new PrintStream(new ByteArrayOutputStream())))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("ler.requests-0 already holds");
		}
		assertThat(TopicRecords.differences(before, TopicRecords.read(to, topics))).isEmpty();
	}

	@Test
	void aBackupFileCarriesTheTopicsToAnotherBroker(@TempDir Path backups) throws Exception {
		Map<String, Object> from = KafkaAccess.adminClient(origin.settings().dataDir());
		Map<String, Object> to = KafkaAccess.adminClient(destination.settings().dataDir());
		List<String> topics = List.of("restore.file.a", "restore.file.b");
		try (Admin admin = Admin.create(from)) {
			admin
				.createTopics(
						List.of(new NewTopic(topics.get(0), 3, (short) 1), new NewTopic(topics.get(1), 2, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(from, new ByteArraySerializer(),
				new ByteArraySerializer())) {
			for (int i = 0; i < 100; i++) {
				ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topics.get(i % 2), i % 2,
						1_356_998_400_000L - i, ("k" + i).getBytes(), ("v" + i).getBytes());
				record.headers().add(new RecordHeader("content-type", "application/cloudevents+json".getBytes()));
				producer.send(record);
			}
			producer.flush();
		}
		var before = TopicRecords.read(from, topics);
		Path file = backups.resolve("ler-topics.jsonl.gz");

		try (Origin o = Origin.broker(from, topics); Destination d = Destination.file(file)) {
			TopicCopy.copy(o, d, new PrintStream(new ByteArrayOutputStream()));
		}
		try (Origin o = Origin.file(file, List.of());
				Destination d = Destination.broker(to, new KafkaAccess.TopicSettings(3, (short) 1, 1))) {
			assertThat(o.topics()).containsExactly(Map.entry(topics.get(0), 3), Map.entry(topics.get(1), 2));
			TopicCopy.copy(o, d, new PrintStream(new ByteArrayOutputStream()));
		}

		assertThat(TopicRecords.read(to, topics).keySet()).hasSize(5);
		assertThat(TopicRecords.differences(before, TopicRecords.read(to, topics))).isEmpty();
	}

	@Test
	void aDestinationTopicWithAnotherPartitionCountIsRefused() throws Exception {
		Map<String, Object> from = KafkaAccess.adminClient(origin.settings().dataDir());
		Map<String, Object> to = KafkaAccess.adminClient(destination.settings().dataDir());
		try (Admin admin = Admin.create(from)) {
			admin.createTopics(List.of(new NewTopic("restore.partitions", 2, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		try (Admin admin = Admin.create(to)) {
			admin.createTopics(List.of(new NewTopic("restore.partitions", 3, (short) 1)))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
		try (Origin o = Origin.broker(from, List.of("restore.partitions"));
				Destination d = Destination.broker(to, new KafkaAccess.TopicSettings(3, (short) 1, 1))) {
			assertThatThrownBy(() -> TopicCopy.copy(o, d, new PrintStream(new ByteArrayOutputStream())))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("restore.partitions has 3 partitions here and 2 at the origin");
		}
	}

	@Test
	void aTopicMissingAtTheOriginIsNamed() {
		Map<String, Object> from = KafkaAccess.adminClient(origin.settings().dataDir());
		assertThatThrownBy(() -> Origin.broker(from, List.of("no.such.topic")))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("has no topic no.such.topic");
	}

	private static LocalStack broker(String name) throws Exception {
		LocalStack stack = new LocalStack(
				new LocalStack.Settings(Path.of(".").toAbsolutePath(), Files.createTempDirectory(name),
						FaultSuite.freePort(), FaultSuite.freePort(), FaultSuite.freePort(), Map.of(), null, null));
		stack.startBroker();
		return stack;
	}

}
