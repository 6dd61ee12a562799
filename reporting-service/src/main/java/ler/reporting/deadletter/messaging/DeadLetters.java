package ler.reporting.deadletter.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ler.platform.kafka.KafkaClients;
import ler.reporting.statistics.messaging.ProjectionWriter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.core.env.Environment;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * The events reporting could not apply after its retries: listed with the error the
 * binder put in their headers, and re-driven after a fix: applied to the projection
 * again, at their original position, by the same code as the consumers (reporting's Kafka
 * principal may only read the event topics, so they are not sent back there; the
 * projection knows an event by its identity, so a re-applied event is never counted
 * twice). One that still fails becomes a new dead letter with the new error. Which were
 * re-driven is kept as the committed offsets of a consumer group of its own, so a
 * re-drive never repeats.
 */
@Component
public class DeadLetters {

	static final String REDRIVE_GROUP_SUFFIX = "-dlq-redrive";

	/** Longest exception message shown. */
	static final int MAX_MESSAGE = 300;

	private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"?|'[^']*'?|`[^`]*`?");

	private final Environment environment;

	private final ProjectionWriter projection;

	DeadLetters(Environment environment, ProjectionWriter projection) {
		this.environment = environment;
		this.projection = projection;
	}

	/**
	 * One dead-lettered event, as metadata only (issue 12): where it sits, where it came
	 * from, why it failed and how big it is; never its payload, which names customers'
	 * identifiers.
	 *
	 * @param key the Kafka key: the request id
	 * @param exceptionType the class of the exception that dead-lettered it
	 * @param exception the exception's message, first line, with every quoted value
	 * emptied to {@code '...'} (parser messages quote the input they choke on)
	 * @param payloadBytes the payload's size in bytes (0 for none)
	 */
	public record DeadLetter(String topic, int partition, long offset, String key, String originalTopic,
			Integer originalPartition, Long originalOffset, String exceptionType, String exception, int payloadBytes,
			boolean redriven) {
	}

	public List<DeadLetter> list() {
		List<DeadLetter> letters = new ArrayList<>();
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			for (TopicPartition partition : partitions(consumer)) {
				OffsetAndMetadata done = consumer.committed(java.util.Set.of(partition)).get(partition);
				long redrivenUpTo = (done == null) ? 0 : done.offset();
				for (ConsumerRecord<byte[], byte[]> record : readAll(consumer, partition, 0)) {
					letters.add(letter(record, record.offset() < redrivenUpTo));
				}
			}
		}
		return letters;
	}

	/**
	 * Applies every dead letter not re-driven before to the projection again; one that
	 * still fails is dead-lettered again (to the topic it came from).
	 * @return how many were re-driven (applied or dead-lettered again)
	 */
	public int redrive() throws Exception {
		int count = 0;
		try (KafkaConsumer<byte[], byte[]> consumer = consumer(); KafkaProducer<byte[], byte[]> producer = producer()) {
			for (TopicPartition partition : partitions(consumer)) {
				OffsetAndMetadata done = consumer.committed(java.util.Set.of(partition)).get(partition);
				long from = (done == null) ? 0 : done.offset();
				List<ConsumerRecord<byte[], byte[]>> records = readAll(consumer, partition, from);
				for (ConsumerRecord<byte[], byte[]> record : records) {
					String original = header(record, "x-original-topic");
					if (original == null) {
						continue;
					}
					try {
						reapply(record, original);
					}
					catch (RuntimeException ex) {
						// still failing: a new dead letter with the new error, the
						// original
						// position kept
						ProducerRecord<byte[], byte[]> again = new ProducerRecord<>(record.topic(), record.partition(),
								record.key(), record.value());
						for (Header h : record.headers()) {
							if (!h.key().startsWith("x-exception")) {
								again.headers().add(h);
							}
						}
						again.headers()
							.add("x-exception-fqcn", ex.getClass().getName().getBytes(StandardCharsets.UTF_8))
							.add("x-exception-message",
									String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8));
						producer.send(again).get(30, TimeUnit.SECONDS);
					}
					count++;
				}
				if (!records.isEmpty()) {
					long next = records.get(records.size() - 1).offset() + 1;
					consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
				}
			}
		}
		return count;
	}

	/**
	 * Applies a dead letter as the consumer of {@code originalTopic} would have, at its
	 * original position.
	 */
	private void reapply(ConsumerRecord<byte[], byte[]> record, String originalTopic) {
		String partition = header(record, "x-original-partition");
		String offset = header(record, "x-original-offset");
		Message<byte[]> message = MessageBuilder.withPayload((record.value() == null) ? new byte[0] : record.value())
			.setHeader(KafkaHeaders.RECEIVED_TOPIC, originalTopic)
			.setHeader(KafkaHeaders.RECEIVED_PARTITION,
					(partition == null) ? record.partition() : Integer.parseInt(partition))
			.setHeader(KafkaHeaders.OFFSET, (offset == null) ? record.offset() : Long.parseLong(offset))
			.build();
		if (record.topic().equals(topics().get(0))) {
			this.projection.onRequestEvent(message);
		}
		else {
			this.projection.onReviewEvent(message);
		}
	}

	private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics()) {
			List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
			if (infos != null) {
				infos.forEach((i) -> partitions.add(new TopicPartition(topic, i.partition())));
			}
		}
		return partitions;
	}

	private static List<ConsumerRecord<byte[], byte[]>> readAll(KafkaConsumer<byte[], byte[]> consumer,
			TopicPartition partition, long from) {
		consumer.assign(List.of(partition));
		long end = consumer.endOffsets(List.of(partition)).get(partition);
		List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
		if (from >= end) {
			return records;
		}
		consumer.seek(partition, from);
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (consumer.position(partition) < end && System.nanoTime() < deadline) {
			for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
				if (record.offset() < end) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private static DeadLetter letter(ConsumerRecord<byte[], byte[]> record, boolean redriven) {
		String partition = header(record, "x-original-partition");
		String offset = header(record, "x-original-offset");
		String type = header(record, "x-exception-fqcn");
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				(record.key() == null) ? null : new String(record.key(), StandardCharsets.UTF_8),
				header(record, "x-original-topic"), (partition == null) ? null : Integer.valueOf(partition),
				(offset == null) ? null : Long.valueOf(offset), type, redact(header(record, "x-exception-message")),
				(record.value() == null) ? 0 : record.value().length, redriven);
	}

	/**
	 * The message without what it may quote of the payload: first line only, no parser
	 * location ({@code [Source: ...}), every quoted run ({@code "..."}, {@code '...'},
	 * {@code `...`}) emptied to {@code '...'}.
	 */
	static String redact(String message) {
		if (message == null) {
			return null;
		}
		String text = message.lines().findFirst().orElse("");
		int source = text.indexOf("[Source");
		if (source >= 0) {
			text = text.substring(0, source).trim();
		}
		text = QUOTED.matcher(text)
			.replaceAll(
					(quoted) -> Matcher.quoteReplacement(quoted.group().charAt(0) + "..." + quoted.group().charAt(0)));
		return (text.length() > MAX_MESSAGE) ? text.substring(0, MAX_MESSAGE) + "..." : text;
	}

	/** The binder writes the original partition and offset as 4- and 8-byte numbers. */
	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		byte[] value = header.value();
		if (name.equals("x-original-partition") && value.length == 4) {
			return String.valueOf(java.nio.ByteBuffer.wrap(value).getInt());
		}
		if (name.equals("x-original-offset") && value.length == 8) {
			return String.valueOf(java.nio.ByteBuffer.wrap(value).getLong());
		}
		return new String(value, StandardCharsets.UTF_8);
	}

	private List<String> topics() {
		return List.of(
				this.environment.getProperty(
						"spring.cloud.stream.kafka.bindings.projectRequests-in-0.consumer.dlq-name",
						"ler.requests.dlq.reporting"),
				this.environment.getProperty(
						"spring.cloud.stream.kafka.bindings.projectDecisions-in-0.consumer.dlq-name",
						"ler.decisions.dlq.reporting"));
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		// the binder's brokers and security settings
		Map<String, Object> config = KafkaClients.settings(this.environment);
		config.put(ConsumerConfig.GROUP_ID_CONFIG,
				this.environment.getProperty("LER_REPORTING_GROUP", "reporting") + REDRIVE_GROUP_SUFFIX);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	private KafkaProducer<byte[], byte[]> producer() {
		Map<String, Object> config = KafkaClients.settings(this.environment);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
	}

}
