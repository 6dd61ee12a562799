package ler.platform.kafka;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;

/**
 * Checks at start, before any binding, that the topics of {@link TopicProperties} exist
 * and that every event topic keeps its events forever: the event log is the system of
 * record, and on a broker whose default retention is finite (a managed Kafka keeps 7
 * days) a topic without its own {@code retention.ms=-1} would lose events. The service
 * refuses to start ({@link TopicCheckException}) when a topic is missing (unless
 * {@code create-missing}) or an event topic has a finite {@code retention.ms} or
 * {@code retention.bytes}. Needs {@code Describe} on every topic and
 * {@code DescribeConfigs} on the event topics; {@code Create} only with
 * {@code create-missing}.
 */
public class TopicCheck implements InitializingBean {

	private static final Logger log = LoggerFactory.getLogger(TopicCheck.class);

	private final Map<String, Object> clientSettings;

	private final TopicProperties topics;

	/**
	 * @param clientSettings Kafka client properties ({@link KafkaClients#settings})
	 */
	public TopicCheck(Map<String, Object> clientSettings, TopicProperties topics) {
		this.clientSettings = clientSettings;
		this.topics = topics;
	}

	@Override
	public void afterPropertiesSet() throws InterruptedException {
		Map<String, Object> settings = new java.util.HashMap<>(this.clientSettings);
		int timeout = (int) this.topics.timeout().toMillis();
		settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeout);
		settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeout, 15000));
		try (Admin admin = Admin.create(settings)) {
			check(admin);
		}
	}

	/** Runs the check with the given admin client. */
	void check(Admin admin) throws InterruptedException {
		Set<String> declared = new LinkedHashSet<>(this.topics.events());
		declared.addAll(this.topics.deadLetters());
		long seconds = this.topics.timeout().toSeconds();
		Set<String> existing = answer(admin.listTopics().names(), seconds, "list the topics");
		List<String> missing = declared.stream().filter((topic) -> !existing.contains(topic)).toList();
		if (!missing.isEmpty()) {
			if (!this.topics.createMissing()) {
				throw new TopicCheckException("Kafka topic(s) " + missing + " do not exist. Topics are declared by an "
						+ "admin step (the local stack's launcher, compose's kafka-topics, the topics Job or the "
						+ "KafkaTopic resources), not by the services: run it, then start again");
			}
			create(admin, missing, seconds);
		}
		List<ConfigResource> resources = this.topics.events()
			.stream()
			.map((topic) -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
			.toList();
		Map<ConfigResource, Config> configs = settings(admin, resources, seconds);
		for (ConfigResource resource : resources) {
			Config config = configs.get(resource);
			requireForever(resource.name(), config.get(TopicConfig.RETENTION_MS_CONFIG));
			requireForever(resource.name(), config.get(TopicConfig.RETENTION_BYTES_CONFIG));
		}
		log.info("Kafka topics checked: {} keep every event; {} exist", this.topics.events(), declared);
	}

	/**
	 * The topics' settings. A topic created a moment ago (here, or by another instance)
	 * may not be known to the broker that answers yet: asked again for up to the timeout.
	 */
	private static Map<ConfigResource, Config> settings(Admin admin, List<ConfigResource> resources, long seconds)
			throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		while (true) {
			try {
				return admin.describeConfigs(resources).all().get(seconds, TimeUnit.SECONDS);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
					throw new TopicCheckException(
							"Could not read the settings of the event topics on the Kafka broker: " + ex.getCause());
				}
				// the topic's metadata has not reached this broker yet, and the admin API
				// gives no notice when it does: ask again after a short pause, within the
				// timeout. This runs once, at start, before the service takes any
				// traffic.
				Thread.sleep(200);
			}
			catch (TimeoutException ex) {
				throw new TopicCheckException("Could not read the settings of the event topics on the Kafka broker "
						+ "within " + seconds + " s");
			}
		}
	}

	private void create(Admin admin, List<String> missing, long seconds) throws InterruptedException {
		List<NewTopic> topics = new ArrayList<>();
		for (String name : missing) {
			topics.add(new NewTopic(name, this.topics.partitions(), this.topics.replication())
				.configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1",
						TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(this.topics.minInsyncReplicas()))));
		}
		admin.createTopics(topics).values().forEach((name, future) -> {
			try {
				future.get(seconds, TimeUnit.SECONDS);
				log.warn("Kafka topic {} was missing and was created (ler.topics.create-missing)", name);
			}
			catch (ExecutionException ex) {
				if (!(ex.getCause() instanceof TopicExistsException)) {
					throw new TopicCheckException("Kafka topic " + name + " could not be created: " + ex.getCause());
				}
				// another instance created it first: its settings are checked below
			}
			catch (TimeoutException ex) {
				throw new TopicCheckException("Kafka topic " + name + " could not be created within " + seconds + " s");
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new TopicCheckException("interrupted while creating Kafka topic " + name);
			}
		});
	}

	private static void requireForever(String topic, ConfigEntry entry) {
		if (entry == null || entry.value() == null) {
			throw new TopicCheckException("Kafka topic " + topic + " did not report its retention settings");
		}
		if (Long.parseLong(entry.value()) >= 0) {
			throw new TopicCheckException("Kafka topic " + topic + " has " + entry.name() + "=" + entry.value() + " ("
					+ describe(entry) + "): an event topic must keep every event. Set " + entry.name()
					+ "=-1 on the topic (kafka-configs.sh --alter --entity-type topics --entity-name " + topic
					+ " --add-config " + entry.name() + "=-1, or the KafkaTopic's config), then start again");
		}
	}

	private static String describe(ConfigEntry entry) {
		return switch (entry.source()) {
			case DYNAMIC_TOPIC_CONFIG -> "set on the topic";
			case DEFAULT_CONFIG, STATIC_BROKER_CONFIG, DYNAMIC_DEFAULT_BROKER_CONFIG, DYNAMIC_BROKER_CONFIG ->
				"the broker's default";
			default -> String.valueOf(entry.source());
		};
	}

	private static <T> T answer(org.apache.kafka.common.KafkaFuture<T> future, long seconds, String what)
			throws InterruptedException {
		try {
			return future.get(seconds, TimeUnit.SECONDS);
		}
		catch (ExecutionException ex) {
			throw new TopicCheckException("Could not " + what + " on the Kafka broker: " + ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new TopicCheckException("Could not " + what + " on the Kafka broker within " + seconds + " s");
		}
	}

	/** The topics are not as declared: the service must not start. */
	public static class TopicCheckException extends IllegalStateException {

		TopicCheckException(String message) {
			super(message);
		}

	}

}
