package ler.platform.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up check on a real broker whose default retention is finite (7 days, as a
 * managed Kafka): a service starts only when its event topics keep every event.
 */
class TopicCheckIT {

	static EmbeddedKafkaBroker broker;

	static Admin admin;

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TopicCheckAutoConfiguration.class))
		.withPropertyValues("spring.cloud.stream.kafka.binder.brokers=" + broker.getBrokersAsString(),
				"ler.topics.timeout=20s");

	@BeforeAll
	static void startBroker() {
		broker = new EmbeddedKafkaKraftBroker(1, 3).brokerProperty("log.retention.ms", "604800000");
		broker.afterPropertiesSet();
		admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()));
	}

	@AfterAll
	static void stopBroker() {
		admin.close();
		broker.destroy();
	}

	@Test
	void anEventTopicWithFiniteRetentionRefusesTheStart() throws Exception {
		create(new NewTopic("finite.events", 3, (short) 1).configs(Map.of("retention.ms", "86400000")));
		this.runner.withPropertyValues("ler.topics.events=finite.events").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(TopicCheck.TopicCheckException.class)
				.hasMessageContaining("Kafka topic finite.events has retention.ms=86400000 (set on the topic)")
				.hasMessageContaining("an event topic must keep every event");
		});
	}

	@Test
	void theBrokersFiniteDefaultRefusesTheStartToo() throws Exception {
		create(new NewTopic("default.events", 3, (short) 1));
		this.runner.withPropertyValues("ler.topics.events=default.events")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Kafka topic default.events has retention.ms=604800000 (the broker's default)"));
	}

	@Test
	void aFiniteRetentionBytesRefusesTheStart() throws Exception {
		create(new NewTopic("sized.events", 3, (short) 1)
			.configs(Map.of("retention.ms", "-1", "retention.bytes", "1073741824")));
		this.runner.withPropertyValues("ler.topics.events=sized.events")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("Kafka topic sized.events has retention.bytes=1073741824"));
	}

	@Test
	void topicsKeptForeverStart() throws Exception {
		create(new NewTopic("forever.events", 3, (short) 1).configs(Map.of("retention.ms", "-1")));
		create(new NewTopic("forever.events.dlq.test", 3, (short) 1));
		this.runner
			.withPropertyValues("ler.topics.events=forever.events", "ler.topics.dead-letters=forever.events.dlq.test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TopicCheck.class);
			});
	}

	@Test
	void aMissingTopicRefusesTheStart() {
		this.runner.withPropertyValues("ler.topics.events=absent.events").run((context) -> {
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(TopicCheck.TopicCheckException.class)
				.hasMessageContaining("Kafka topic(s) [absent.events] do not exist")
				.hasMessageContaining("admin step");
			assertThat(topics()).doesNotContain("absent.events");
		});
	}

	@Test
	void missingTopicsAreCreatedWithTheDeclaredSettingsWhenAsked() {
		this.runner
			.withPropertyValues("ler.topics.events=created.events", "ler.topics.dead-letters=created.events.dlq.test",
					"ler.topics.create-missing=true", "ler.topics.partitions=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				for (String topic : List.of("created.events", "created.events.dlq.test")) {
					Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, topic)))
						.all()
						.get(10, TimeUnit.SECONDS)
						.values()
						.iterator()
						.next();
					assertThat(config.get("retention.ms").value()).isEqualTo("-1");
					assertThat(config.get("retention.bytes").value()).isEqualTo("-1");
					TopicDescription description = admin.describeTopics(List.of(topic))
						.allTopicNames()
						.get(10, TimeUnit.SECONDS)
						.get(topic);
					assertThat(description.partitions()).hasSize(2);
				}
			});
	}

	@Test
	void noTopicCheckWithoutEventTopics() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(TopicCheck.class));
	}

	private static void create(NewTopic topic) throws Exception {
		admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
	}

	private static java.util.Set<String> topics() throws Exception {
		return admin.listTopics().names().get(10, TimeUnit.SECONDS);
	}

}
