package ler.localstack.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a broker's topics hold, read with a plain consumer (independent of the copy's own
 * reading), and where two such readings differ, named by partition, position and part,
 * never by content (records carry identifiers).
 */
public final class TopicRecords {

	/** One record's content, as far as a copy must keep it. */
	public record Content(byte[] key, byte[] value, List<Map.Entry<String, byte[]>> headers, long timestamp) {

		List<String> differencesTo(Content other) {
			List<String> parts = new ArrayList<>();
			if (!Arrays.equals(this.key, other.key)) {
				parts.add("key");
			}
			if (!Arrays.equals(this.value, other.value)) {
				parts.add("value");
			}
			if (this.timestamp != other.timestamp) {
				parts.add("timestamp");
			}
			boolean sameHeaders = this.headers.size() == other.headers.size();
			for (int i = 0; sameHeaders && i < this.headers.size(); i++) {
				sameHeaders = this.headers.get(i).getKey().equals(other.headers.get(i).getKey())
						&& Arrays.equals(this.headers.get(i).getValue(), other.headers.get(i).getValue());
			}
			if (!sameHeaders) {
				parts.add("headers");
			}
			return parts;
		}

	}

	private TopicRecords() {
	}

	/** Every record of the topics, per partition in offset order. */
	public static Map<TopicPartition, List<Content>> read(Map<String, Object> client, List<String> topics) {
		Map<String, Object> settings = new HashMap<>(client);
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				consumer.partitionsFor(topic, Duration.ofSeconds(30))
					.forEach((p) -> partitions.add(new TopicPartition(topic, p.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			Map<TopicPartition, List<Content>> contents = new LinkedHashMap<>();
			partitions.forEach((tp) -> contents.put(tp, new ArrayList<>()));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (partitions.stream().anyMatch((tp) -> consumer.position(tp) < end.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("could not read the topics to their ends within 60 s");
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
					for (Header header : record.headers()) {
						headers.add(new java.util.AbstractMap.SimpleImmutableEntry<>(header.key(), header.value()));
					}
					contents.get(new TopicPartition(record.topic(), record.partition()))
						.add(new Content(record.key(), record.value(), headers, record.timestamp()));
				}
			}
			return contents;
		}
	}

	/**
	 * Where {@code copy} differs from {@code origin}: a partition missing or with another
	 * count, a record at a position with another key, value, headers or timestamp. Empty
	 * when they agree.
	 */
	public static List<String> differences(Map<TopicPartition, List<Content>> origin,
			Map<TopicPartition, List<Content>> copy) {
		List<String> differences = new ArrayList<>();
		origin.forEach((tp, records) -> {
			List<Content> copied = copy.get(tp);
			if (copied == null) {
				differences.add(tp + " is missing");
				return;
			}
			if (copied.size() != records.size()) {
				differences.add(tp + " holds " + copied.size() + " records instead of " + records.size());
			}
			for (int i = 0; i < Math.min(records.size(), copied.size()); i++) {
				List<String> parts = records.get(i).differencesTo(copied.get(i));
				if (!parts.isEmpty()) {
					differences.add(tp + " record " + i + " has another " + String.join(", ", parts));
				}
			}
		});
		copy.keySet()
			.stream()
			.filter((tp) -> !origin.containsKey(tp))
			.forEach((tp) -> differences.add(tp + " is not at the origin"));
		return differences;
	}

}
