package ler.reporting.statistics.messaging;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ler.platform.kafka.KafkaClients;
import ler.reporting.statistics.ProjectionStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Drops the projection and rebuilds it from the event topics, which keep every event:
 * stops this instance's consumers, drops the collections, moves the consumer groups back
 * to the start of the topics and starts the consumers again. Refused while another
 * instance consumes.
 */
@Component
public class ProjectionRebuild {

	private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);

	static final List<String> BINDINGS = List.of("projectRequests-in-0", "projectDecisions-in-0");

	private final BindingsLifecycleController bindings;

	private final BindingServiceProperties bindingProperties;

	private final ProjectionStore store;

	private final Environment environment;

	ProjectionRebuild(BindingsLifecycleController bindings, BindingServiceProperties bindingProperties,
			ProjectionStore store, Environment environment) {
		this.bindings = bindings;
		this.bindingProperties = bindingProperties;
		this.store = store;
		this.environment = environment;
	}

	/**
	 * @return what was rewound: group -> number of partitions
	 */
	public synchronized Map<String, Integer> rebuild() throws Exception {
		BINDINGS.forEach(this.bindings::stop);
		try (Admin admin = Admin.create(adminProperties())) {
			Map<String, Integer> rewound = new HashMap<>();
			for (String binding : BINDINGS) {
				String group = this.bindingProperties.getBindingProperties(binding).getGroup();
				awaitEmpty(admin, group);
			}
			this.store.drop().block(Duration.ofMinutes(1));
			for (String binding : BINDINGS) {
				String group = this.bindingProperties.getBindingProperties(binding).getGroup();
				String topic = this.bindingProperties.getBindingProperties(binding).getDestination();
				TopicDescription description = admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(30, TimeUnit.SECONDS)
					.get(topic);
				Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
				description.partitions()
					.forEach((p) -> earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest()));
				Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = admin.listOffsets(earliest)
					.all()
					.get(30, TimeUnit.SECONDS);
				Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
				offsets.forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
				admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
				rewound.put(group, start.size());
			}
			log.info("Projection dropped; consumer groups rewound: {}", rewound);
			return rewound;
		}
		finally {
			BINDINGS.forEach(this.bindings::start);
		}
	}

	/** Waits for this instance's consumers to leave; refuses if others stay. */
	private void awaitEmpty(Admin admin, String group) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
		while (true) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(group);
			if (description.members().isEmpty()) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new RebuildRefusedException("consumer group " + group + " still has "
						+ description.members().size() + " member(s): stop the other reporting instances first");
			}
			// the group coordinator offers no notification when members leave: poll it
			Thread.sleep(250);
		}
	}

	private Map<String, Object> adminProperties() {
		// the binder's brokers and security settings
		Map<String, Object> properties = KafkaClients.settings(this.environment);
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15000);
		return properties;
	}

	/** The rebuild cannot run now; nothing was changed. */
	public static class RebuildRefusedException extends RuntimeException {

		RebuildRefusedException(String message) {
			super(message);
		}

	}

}
