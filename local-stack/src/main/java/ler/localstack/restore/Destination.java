package ler.localstack.restore;

import java.nio.file.Path;
import java.util.Map;

import ler.localstack.KafkaAccess;
import org.apache.kafka.common.TopicPartition;

/** Where a copy writes: a broker's topics, or a backup file. */
public interface Destination extends AutoCloseable {

	/**
	 * Makes the topics ready: they exist with exactly these partition counts, keep their
	 * records forever and hold none yet.
	 * @param topics topic -> partitions at the origin
	 * @throws IllegalStateException when a topic cannot be made so
	 */
	void prepare(Map<String, Integer> topics);

	/** Writes one record into its topic and partition number, after those before it. */
	void write(CopiedRecord record);

	/**
	 * Waits until every record written is stored.
	 * @return what the destination now holds, per partition
	 * @throws IllegalStateException when a write failed
	 */
	Map<TopicPartition, Long> finish();

	@Override
	void close();

	/**
	 * The topics of a broker: declared as the launcher's admin step declares them
	 * ({@link KafkaAccess#declare(org.apache.kafka.clients.admin.Admin, Map, KafkaAccess.TopicSettings, boolean)}:
	 * {@code retention.ms=-1}, the origin's partition counts); the records are written by
	 * an idempotent producer with {@code acks=all}, so a retry neither reorders nor
	 * repeats one.
	 * @param client Kafka client settings of a principal that may create, configure,
	 * describe and write the topics (the admin)
	 * @param settings replicas and {@code min.insync.replicas} of the topics
	 */
	static Destination broker(Map<String, Object> client, KafkaAccess.TopicSettings settings) {
		return new BrokerDestination(client, settings);
	}

	/**
	 * A backup file (JSON lines, gzip-compressed when the name ends in {@code .gz},
	 * readable by its owner only), written under a temporary name and moved into place
	 * when complete; an existing file is never overwritten.
	 */
	static Destination file(Path file) {
		return new CopyFile.Writer(file);
	}

}
