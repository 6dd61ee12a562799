package ler.review.cases;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ler.testsupport.ServiceUnderTest;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * review on a broker without an admin step: its topic check creates exactly the topics it
 * declares (event and dead-letter topics, kept forever), the binder creates none (no
 * stray topic from a binding's default name), and its consumers bind to the declared
 * topics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class DeclaredTopicsIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "review_topics_test");
	}

	@Autowired
	EmbeddedKafkaBroker broker;

	@Test
	void onlyTheDeclaredTopicsKeptForeverAndTheConsumersBound() throws Exception {
		try (Admin admin = Admin.create(Map.of("bootstrap.servers", this.broker.getBrokersAsString()))) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(
						admin.describeConsumerGroups(List.of("review-cases")).all().get(10, TimeUnit.SECONDS).values())
					.allSatisfy((group) -> assertThat(group.members()).isNotEmpty()));
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrder("ler.requests",
					"ler.decisions", "ler.requests.dlq.review");
			for (String topic : admin.listTopics().names().get(10, TimeUnit.SECONDS)) {
				ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
				Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
				assertThat(config.get("retention.ms").value()).as(topic).isEqualTo("-1");
				assertThat(admin.describeTopics(List.of(topic))
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.get(topic)
					.partitions()).as(topic).hasSize(3);
			}
		}
	}

}
