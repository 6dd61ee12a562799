package ler.platform.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;

/**
 * Events this service's consumers gave up on, as a gauge per dead-letter topic: the
 * number of records in it, read from the broker, so every instance reports the same total
 * and a restart loses nothing. Refreshed in the background; a scrape never waits for the
 * broker. Gauge {@code ler.dead.lettered.events}, tagged {@code topic}.
 */
public class DeadLetterMeter implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterMeter.class);

	private final Admin admin;

	private final Map<String, AtomicLong> counts = new HashMap<>();

	private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "dead-letter-meter");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param brokers the broker's bootstrap servers, comma-separated
	 * @param topics the dead-letter topics to count; one that does not exist yet counts 0
	 * @param refresh how often the counts are read from the broker
	 */
	public DeadLetterMeter(MeterRegistry meters, String brokers, List<String> topics, Duration refresh) {
		this(meters, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), topics, refresh);
	}

	/**
	 * @param clientSettings Kafka client properties: bootstrap servers and security
	 * ({@code ler.platform.kafka.KafkaClients})
	 * @param topics the dead-letter topics to count; one that does not exist yet counts 0
	 * @param refresh how often the counts are read from the broker
	 */
	public DeadLetterMeter(MeterRegistry meters, Map<String, Object> clientSettings, List<String> topics,
			Duration refresh) {
		Map<String, Object> settings = new HashMap<>(clientSettings);
		settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
		settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
		this.admin = Admin.create(settings);
		for (String topic : topics) {
			AtomicLong count = new AtomicLong();
			this.counts.put(topic, count);
			Gauge.builder("ler.dead.lettered.events", count, AtomicLong::get)
				.description("Events in a dead-letter topic of this service's consumers")
				.tag("topic", topic)
				.register(meters);
		}
		this.refresher.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
	}

	void refresh() {
		try {
			// a dead-letter topic appears with its first record: until then it counts 0
			var existing = this.admin.listTopics().names().get(10, TimeUnit.SECONDS);
			List<String> present = this.counts.keySet().stream().filter(existing::contains).toList();
			Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
			Map<TopicPartition, OffsetSpec> starts = new HashMap<>();
			this.admin.describeTopics(present)
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.forEach((topic, description) -> description.partitions().forEach((p) -> {
					ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
					starts.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
				}));
			var end = this.admin.listOffsets(ends).all().get(10, TimeUnit.SECONDS);
			var start = this.admin.listOffsets(starts).all().get(10, TimeUnit.SECONDS);
			Map<String, Long> totals = new HashMap<>();
			end.forEach((partition, info) -> totals.merge(partition.topic(),
					info.offset() - start.get(partition).offset(), Long::sum));
			this.counts.forEach((topic, count) -> count.set(totals.getOrDefault(topic, 0L)));
		}
		catch (Exception ex) {
			// the broker may be restarting: keep the last counts, try again later
			log.debug("Dead-letter counts not refreshed: {}", ex.toString());
		}
	}

	@Override
	public void destroy() {
		this.refresher.shutdownNow();
		this.admin.close(Duration.ofSeconds(2));
	}

}
