package ler.localstack.restore;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * One record as a copy carries it: everything Kafka keeps of it. The origin's offset
 * comes along for the order checks; the destination gives the record its own.
 *
 * @param offset the record's offset at the origin
 * @param timestamp milliseconds since the epoch, as the origin holds it
 * @param key null when the record has none
 * @param value null for a record without a value
 * @param headers in the origin's order; a header's value may be null
 */
public record CopiedRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value,
		List<Header> headers) {

	public CopiedRecord {
		headers = List.copyOf(headers);
	}

	public TopicPartition topicPartition() {
		return new TopicPartition(this.topic, this.partition);
	}

}
