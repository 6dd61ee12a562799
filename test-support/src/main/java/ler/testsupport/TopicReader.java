package ler.testsupport;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Points a test's consumer at the start of every partition of a topic, without joining a
 * group: topics are declared by the services' topic check now (not listed in
 * {@code @EmbeddedKafka}), so the embedded broker's own helpers do not know them.
 */
public final class TopicReader {

	private TopicReader() {
	}

	/** Assigns every partition of {@code topic} and seeks each to its first record. */
	public static void fromStart(Consumer<?, ?> consumer, String topic) {
		consumer.assign(consumer.partitionsFor(topic)
			.stream()
			.map((partition) -> new TopicPartition(partition.topic(), partition.partition()))
			.toList());
		consumer.seekToBeginning(consumer.assignment());
	}

}
