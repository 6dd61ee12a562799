package ler.platform.kafka;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ler.topics.*}: the topics a service needs, which an admin step declares (the
 * local stack's launcher, compose's {@code kafka-topics}, Kubernetes' topics Job or
 * Strimzi {@code KafkaTopic}s), never the binder.
 *
 * @param events the event topics: they must exist and keep every event
 * ({@code retention.ms=-1}, {@code retention.bytes=-1})
 * @param deadLetters this service's dead-letter topics: they must exist
 * @param createMissing create a missing topic with the declared settings instead of
 * refusing to start; for tests on an embedded broker, never in a deployment
 * @param partitions partitions of a topic created here
 * @param replication replicas of a topic created here
 * @param minInsyncReplicas {@code min.insync.replicas} of a topic created here
 * @param timeout how long the check waits for the broker's answers
 */
@ConfigurationProperties("ler.topics")
public record TopicProperties(List<String> events, @DefaultValue List<String> deadLetters,
		@DefaultValue("false") boolean createMissing, @DefaultValue("3") int partitions,
		@DefaultValue("1") short replication, @DefaultValue("1") int minInsyncReplicas,
		@DefaultValue("60s") Duration timeout) {

}
