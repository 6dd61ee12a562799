package ler.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import ler.localstack.KafkaAccess;
import ler.localstack.LocalStack;

/**
 * The benchmark's own Kafka clients on the stack's broker: the baselines (a plain
 * producer and a plain consumer, as Kafka's {@code ProducerPerformance} and
 * {@code ConsumerPerformance} run them), the fast path that writes contract events
 * straight to the topics, and consumer-lag checks. Every client's connection properties
 * come from {@link #connection()}.
 */
final class Broker implements AutoCloseable {

	private final Map<String, Object> connection;

	private final Admin admin;

	Broker(LocalStack stack) {
		this.connection = connection(stack);
		this.admin = Admin.create(new HashMap<>(this.connection));
	}

	/**
	 * The ONE place the benchmark's Kafka clients get their connection from: the local
	 * broker's admin login (SASL/SCRAM; the admin is its super user), since they create
	 * topics and ACLs and read every group's offsets; bootstrap servers alone for a
	 * broker the stack did not start.
	 */
	static Map<String, Object> connection(LocalStack stack) {
		KafkaAccess access = stack.kafkaAccess();
		return (access != null) ? access.client(stack.settings().kafka(), KafkaAccess.ADMIN)
				: Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafka());
	}

	Map<String, Object> connection() {
		return this.connection;
	}

	/** Creates the topics (3 partitions, like the event topics) unless they exist. */
	void createTopics(String... topics) {
		List<NewTopic> wanted = new ArrayList<>();
		for (String topic : topics) {
			// kept forever, as every event topic is (the services' start-up check
			// refuses another)
			wanted.add(new NewTopic(topic, 3, (short) 1)
				.configs(Map.of("retention.ms", "-1", "retention.bytes", "-1", "min.insync.replicas", "1")));
		}
		for (NewTopic topic : wanted) {
			try {
				this.admin.createTopics(List.of(topic)).all().get();
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new IllegalStateException("could not create " + topic.name(), ex.getCause());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Lets a service's principal read the topics (as {@link KafkaAccess#acls()} lets it
	 * read the event topics), e.g. a second reporting instance reading the benchmark's
	 * own topics; waits until the broker applies them. Nothing when the broker has no
	 * access control of this stack's.
	 */
	void allowToRead(LocalStack stack, String principal, String... topics) throws InterruptedException {
		if (stack.kafkaAccess() == null) {
			return;
		}
		List<AclBinding> acls = new ArrayList<>();
		for (String topic : topics) {
			for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE,
					AclOperation.DESCRIBE_CONFIGS)) {
				acls.add(new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL),
						new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW)));
			}
		}
		try {
			this.admin.createAcls(acls).all().get();
			Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
			while (!this.admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls)) {
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("the broker did not apply the ACLs within 60 s");
				}
				// the broker gives no notice when it applied them: poll
				Thread.sleep(100);
			}
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("could not grant " + principal + " " + List.of(topics), ex.getCause());
		}
	}

	/**
	 * A byte-array producer with the intake service's guarantees: {@code acks=all},
	 * idempotent; {@code overrides} on top (e.g. batching for the fast path).
	 */
	KafkaProducer<byte[], byte[]> producer(Map<String, Object> overrides) {
		Map<String, Object> config = new HashMap<>(this.connection);
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		config.putAll(overrides);
		return new KafkaProducer<>(config);
	}

	/**
	 * The producer baseline (what {@code ProducerPerformance --throughput -1} measures):
	 * as many records of {@code size} bytes as the broker takes, keyed by a random UUID
	 * like intake's, {@code acks=all}, idempotent, the client's default batching.
	 * @return acknowledged records per second
	 */
	double producerThroughput(String topic, int size, long records) {
		byte[] value = new byte[size];
		java.util.Arrays.fill(value, (byte) 'x');
		AtomicLong failures = new AtomicLong();
		try (KafkaProducer<byte[], byte[]> producer = producer(Map.of())) {
			long started = System.nanoTime();
			for (long i = 0; i < records; i++) {
				producer.send(new ProducerRecord<>(topic, key(), value), (metadata, ex) -> {
					if (ex != null) {
						failures.incrementAndGet();
					}
				});
			}
			producer.flush();
			double seconds = (System.nanoTime() - started) / 1e9;
			return (failures.get() == 0) ? records / seconds : Double.NaN;
		}
	}

	/**
	 * A producer send as an open-loop {@link Target}: one record of {@code size} bytes,
	 * done when the broker acknowledged it.
	 */
	static Target sendTarget(KafkaProducer<byte[], byte[]> producer, String topic, int size) {
		byte[] value = new byte[size];
		java.util.Arrays.fill(value, (byte) 'x');
		return () -> {
			CompletableFuture<Boolean> acknowledged = new CompletableFuture<>();
			producer.send(new ProducerRecord<>(topic, key(), value),
					(metadata, ex) -> acknowledged.complete(ex == null));
			return acknowledged;
		};
	}

	/**
	 * The consumer baseline (what {@code ConsumerPerformance} measures): reads every
	 * record of the topics from the start with a plain consumer (no group, no
	 * processing).
	 * @return records read per second
	 */
	double consumerThroughput(String... topics) {
		Map<String, Object> config = new HashMap<>(this.connection);
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				consumer.partitionsFor(topic).forEach((p) -> partitions.add(new TopicPartition(topic, p.partition())));
			}
			consumer.assign(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
			long started = System.nanoTime();
			consumer.seekToBeginning(partitions);
			long read = 0;
			Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
			while (!reachedEnd(consumer, ends)) {
				ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
				read += records.count();
				if (Instant.now().isAfter(deadline)) {
					throw new IllegalStateException("the consumer baseline did not reach the end of " + ends);
				}
			}
			return read / ((System.nanoTime() - started) / 1e9);
		}
	}

	private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> ends) {
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			if (consumer.position(end.getKey()) < end.getValue()) {
				return false;
			}
		}
		return true;
	}

	/** Records in the topic (the sum of its partitions' end offsets). */
	long endOffsetSum(String topic) {
		try {
			Set<TopicPartition> partitions = partitions(topic);
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			partitions.forEach((p) -> latest.put(p, OffsetSpec.latest()));
			return this.admin.listOffsets(latest).all().get().values().stream().mapToLong((o) -> o.offset()).sum();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The consumer group's lag on the topic: end offsets minus committed offsets (a
	 * partition without a commit lags by its whole length).
	 */
	long lag(String group, String topic) {
		try {
			Set<TopicPartition> partitions = partitions(topic);
			Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
			partitions.forEach((p) -> latest.put(p, OffsetSpec.latest()));
			var ends = this.admin.listOffsets(latest).all().get();
			long lag = 0;
			for (TopicPartition partition : partitions) {
				OffsetAndMetadata commit = committed.get(partition);
				lag += ends.get(partition).offset() - ((commit == null) ? 0 : commit.offset());
			}
			return lag;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits until each group has consumed the topic to its end.
	 * @throws IllegalStateException after {@code timeout}, naming the lag left
	 */
	Map<String, Duration> awaitCaughtUp(String topic, Duration timeout, String... groups) throws InterruptedException {
		Instant started = Instant.now();
		Instant deadline = started.plus(timeout);
		Map<String, Duration> caughtUp = new java.util.LinkedHashMap<>();
		while (true) {
			Map<String, Long> lags = new HashMap<>();
			for (String group : groups) {
				long lag = lag(group, topic);
				if (lag > 0) {
					lags.put(group, lag);
				}
				else {
					caughtUp.putIfAbsent(group, Duration.between(started, Instant.now()));
				}
			}
			if (lags.isEmpty()) {
				return caughtUp;
			}
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("consumers still lag on " + topic + " after " + timeout + ": " + lags);
			}
			// committed offsets give no signal of their own: poll them
			Thread.sleep(500);
		}
	}

	private Set<TopicPartition> partitions(String topic) throws ExecutionException, InterruptedException {
		var description = this.admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
		Set<TopicPartition> partitions = new java.util.HashSet<>();
		description.partitions().forEach((p) -> partitions.add(new TopicPartition(topic, p.partition())));
		return partitions;
	}

	private static byte[] key() {
		return UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	@Override
	public void close() {
		this.admin.close();
	}

}
