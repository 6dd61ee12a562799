package ler.localstack.restore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a broker's topics from the start of each partition to its end as it was when the
 * copy began, with one consumer assigned every partition (no group). Reads committed
 * records only: an aborted transaction's records were never part of the log.
 */
final class BrokerOrigin implements Origin {

	/** How long the origin may give nothing while records are still due. */
	private static final Duration STALLED = Duration.ofSeconds(60);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final String bootstrap;

	private final Map<String, Integer> topics = new LinkedHashMap<>();

	private final List<TopicPartition> partitions = new ArrayList<>();

	private final Map<TopicPartition, Long> beginning;

	private final Map<TopicPartition, Long> end;

	BrokerOrigin(Map<String, Object> client, List<String> topics) {
		Map<String, Object> settings = new HashMap<>(client);
		settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
		settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "ler-topic-copy");
		this.bootstrap = String.valueOf(client.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
		this.consumer = new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
		try {
			for (String topic : topics) {
				List<PartitionInfo> infos;
				try {
					infos = this.consumer.partitionsFor(topic, Duration.ofSeconds(60));
				}
				catch (UnknownTopicOrPartitionException ex) {
					infos = List.of();
				}
				if (infos == null || infos.isEmpty()) {
					throw new IllegalStateException("The origin " + this.bootstrap + " has no topic " + topic);
				}
				this.topics.put(topic, infos.size());
				for (int p = 0; p < infos.size(); p++) {
					this.partitions.add(new TopicPartition(topic, p));
				}
			}
			this.consumer.assign(this.partitions);
			this.beginning = this.consumer.beginningOffsets(this.partitions);
			// the copy's end: what the origin holds now
			this.end = this.consumer.endOffsets(this.partitions);
		}
		catch (RuntimeException ex) {
			this.consumer.close();
			throw ex;
		}
	}

	@Override
	public Map<String, Integer> topics() {
		return this.topics;
	}

	@Override
	public Map<TopicPartition, Long> expected() {
		Map<TopicPartition, Long> span = new LinkedHashMap<>();
		this.partitions.forEach((tp) -> span.put(tp, this.end.get(tp) - this.beginning.get(tp)));
		return span;
	}

	@Override
	public Map<TopicPartition, Long> copyTo(Destination destination) {
		Map<TopicPartition, Long> read = new LinkedHashMap<>();
		Set<TopicPartition> open = new LinkedHashSet<>();
		for (TopicPartition tp : this.partitions) {
			read.put(tp, 0L);
			this.consumer.seek(tp, this.beginning.get(tp));
			if (this.beginning.get(tp) < this.end.get(tp)) {
				open.add(tp);
			}
		}
		this.consumer.pause(done(open));
		long lastRecord = System.nanoTime();
		while (!open.isEmpty()) {
			ConsumerRecords<byte[], byte[]> records = this.consumer.poll(Duration.ofSeconds(1));
			for (ConsumerRecord<byte[], byte[]> record : records) {
				TopicPartition tp = new TopicPartition(record.topic(), record.partition());
				if (record.offset() < this.end.get(tp)) {
					destination.write(new CopiedRecord(record.topic(), record.partition(), record.offset(),
							record.timestamp(), record.key(), record.value(), List.of(record.headers().toArray())));
					read.merge(tp, 1L, Long::sum);
				}
			}
			for (TopicPartition tp : List.copyOf(open)) {
				if (this.consumer.position(tp) >= this.end.get(tp)) {
					open.remove(tp);
					this.consumer.pause(List.of(tp));
				}
			}
			if (!records.isEmpty()) {
				lastRecord = System.nanoTime();
			}
			else if (System.nanoTime() - lastRecord > STALLED.toNanos()) {
				throw new IllegalStateException("The origin " + this.bootstrap + " gave no record for " + STALLED
						+ " while " + open + " had records left");
			}
		}
		return read;
	}

	private Set<TopicPartition> done(Set<TopicPartition> open) {
		Set<TopicPartition> done = new LinkedHashSet<>(this.partitions);
		done.removeAll(open);
		return done;
	}

	@Override
	public void close() {
		this.consumer.close();
	}

	@Override
	public String toString() {
		return "the broker at " + this.bootstrap;
	}

}
