package ler.localstack.restore;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/** Where a copy reads: a broker's topics, or a backup file. */
public interface Origin extends AutoCloseable {

	/**
	 * The topics of the copy and their partition counts, in the order they are copied.
	 */
	Map<String, Integer> topics();

	/**
	 * Hands every record to {@code destination}, each partition in offset order.
	 * @return the records read, per partition (every partition, empty ones with 0)
	 * @throws IllegalStateException when the origin stops answering or is not what it
	 * claims
	 */
	Map<TopicPartition, Long> copyTo(Destination destination);

	/**
	 * What the origin says it holds per partition, for the report: a broker's offset span
	 * (transaction markers and compacted records take offsets without being records), a
	 * file's recorded count.
	 */
	Map<TopicPartition, Long> expected();

	@Override
	void close();

	/**
	 * The topics of a broker, read up to their ends as they are when this is called
	 * (records written later are not copied). No consumer group: nothing is committed at
	 * the origin.
	 * @param client Kafka client settings: {@code bootstrap.servers} and the login, of a
	 * principal that may read and describe the topics
	 */
	static Origin broker(Map<String, Object> client, List<String> topics) {
		return new BrokerOrigin(client, topics);
	}

	/**
	 * A backup file written by {@link Destination#file}; checked whole before anything is
	 * copied (a truncated or altered file is refused).
	 * @param topics the topics to take from it, or empty for all it holds
	 */
	static Origin file(Path file, List<String> topics) {
		return new CopyFile.Reader(file, topics);
	}

}
