package ler.localstack.restore;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import ler.localstack.KafkaAccess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes into a broker's topics, declared by the launcher's admin step with the origin's
 * partition counts. Each record goes to its origin's partition number (never to the
 * partitioner: a key stays in the partition that holds its earlier events), with its
 * timestamp and headers.
 */
final class BrokerDestination implements Destination {

	private final Map<String, Object> client;

	private final KafkaAccess.TopicSettings settings;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private final List<TopicPartition> partitions = new ArrayList<>();

	private KafkaProducer<byte[], byte[]> producer;

	BrokerDestination(Map<String, Object> client, KafkaAccess.TopicSettings settings) {
		this.client = new HashMap<>(client);
		this.client.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
		this.settings = settings;
	}

	@Override
	public void prepare(Map<String, Integer> topics) {
		topics.forEach((topic, count) -> {
			for (int p = 0; p < count; p++) {
				this.partitions.add(new TopicPartition(topic, p));
			}
		});
		try (Admin admin = Admin.create(this.client)) {
			KafkaAccess.declare(admin, topics, this.settings, false);
			List<String> problems = new ArrayList<>();
			Map<String, TopicDescription> described = admin.describeTopics(topics.keySet())
				.allTopicNames()
				.get(60, TimeUnit.SECONDS);
			topics.forEach((topic, count) -> {
				int here = described.get(topic).partitions().size();
				if (here != count) {
					problems.add(topic + " has " + here + " partitions here and " + count + " at the origin");
				}
			});
			if (problems.isEmpty()) {
				held(admin).forEach((tp, records) -> {
					if (records > 0) {
						problems.add(tp + " already holds " + records + " records");
					}
				});
			}
			if (!problems.isEmpty()) {
				throw new IllegalStateException("The destination " + bootstrap() + " cannot take the copy: "
						+ String.join("; ", problems) + ". A copy goes into empty topics with the origin's partition "
						+ "counts, so that every key stays in its partition: use a fresh broker, or delete the topics "
						+ "there (the copy declares them again)");
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The destination " + bootstrap() + " did not describe its topics: "
					+ ((ex.getCause() != null) ? ex.getCause() : ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		Map<String, Object> producerSettings = new HashMap<>(this.client);
		producerSettings.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
		producerSettings.put(ProducerConfig.ACKS_CONFIG, "all");
		producerSettings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		producerSettings.put(ProducerConfig.LINGER_MS_CONFIG, 20);
		producerSettings.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
		producerSettings.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ler-topic-copy");
		this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
	}

	@Override
	public void write(CopiedRecord record) {
		Exception failed = this.failure.get();
		if (failed != null) {
			throw new IllegalStateException("Writing to " + bootstrap() + " failed: " + failed, failed);
		}
		this.producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(),
				record.value(), record.headers()), (metadata, ex) -> {
					if (ex != null) {
						this.failure.compareAndSet(null, ex);
					}
				});
	}

	@Override
	public Map<TopicPartition, Long> finish() {
		this.producer.flush();
		Exception failed = this.failure.get();
		if (failed != null) {
			throw new IllegalStateException("Writing to " + bootstrap() + " failed: " + failed, failed);
		}
		try (Admin admin = Admin.create(this.client)) {
			return held(admin);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The destination " + bootstrap() + " did not give its offsets: "
					+ ((ex.getCause() != null) ? ex.getCause() : ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Records per partition: end minus start offset (what this copy writes has no
	 * transaction markers).
	 */
	private Map<TopicPartition, Long> held(Admin admin)
			throws InterruptedException, ExecutionException, TimeoutException {
		Map<TopicPartition, OffsetSpec> earliest = new LinkedHashMap<>();
		Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
		this.partitions.forEach((tp) -> {
			earliest.put(tp, OffsetSpec.earliest());
			latest.put(tp, OffsetSpec.latest());
		});
		Map<TopicPartition, ListOffsetsResultInfo> start = admin.listOffsets(earliest).all().get(60, TimeUnit.SECONDS);
		Map<TopicPartition, ListOffsetsResultInfo> end = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
		Map<TopicPartition, Long> held = new LinkedHashMap<>();
		this.partitions.forEach((tp) -> held.put(tp, end.get(tp).offset() - start.get(tp).offset()));
		return held;
	}

	@Override
	public void close() {
		if (this.producer != null) {
			this.producer.close();
		}
	}

	private String bootstrap() {
		return String.valueOf(this.client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
	}

	@Override
	public String toString() {
		return "the broker at " + bootstrap();
	}

}
