package ler.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ler.localstack.faults.FaultSuite;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three services on the secured broker, as {@code ./run.sh} starts them (no identity
 * provider: nothing here speaks HTTP to them beyond readiness): each logs in as its own
 * principal, passes its topic check with its ACLs, binds its consumer groups, and
 * dead-letters under its own principal; no topic appears beyond the declared ones.
 */
class SecuredServicesIT {

	static LocalStack stack;

	static Admin admin;

	@BeforeAll
	static void start() throws Exception {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, FaultSuite.freePort());
		}
		stack = new LocalStack(
				new LocalStack.Settings(Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize(),
						Files.createTempDirectory("secured-services"), FaultSuite.freePort(), FaultSuite.freePort(),
						FaultSuite.freePort(), ports, null, null));
		stack.start();
		admin = Admin.create(stack.kafkaAccess().client(stack.settings().kafka(), KafkaAccess.ADMIN));
	}

	@AfterAll
	static void stop() {
		if (admin != null) {
			admin.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void everyServiceConsumesUnderItsOwnPrincipal() {
		List<String> groups = List.of("intake-request-view", "intake-decision-view", "review-cases",
				"reporting-requests", "reporting-decisions");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS).values())
						.allSatisfy((group) -> assertThat(group.members()).as(group.groupId()).isNotEmpty()));
	}

	@Test
	void aPoisonRecordIsDeadLetteredByReportingsPrincipal() throws Exception {
		TestStack.publishPoison(stack.kafkaAccess().client(stack.settings().kafka(), KafkaAccess.ADMIN));
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(records("ler.requests.dlq.reporting")).isPositive());
		List<String> declared = new ArrayList<>(KafkaAccess.EVENT_TOPICS);
		KafkaAccess.DEAD_LETTER_TOPICS.values().forEach(declared::addAll);
		assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).containsExactlyInAnyOrderElementsOf(declared);
	}

	private static long records(String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
		admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get(10, TimeUnit.SECONDS)
			.get(topic)
			.partitions()
			.forEach((p) -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
		return admin.listOffsets(ends)
			.all()
			.get(10, TimeUnit.SECONDS)
			.values()
			.stream()
			.mapToLong((i) -> i.offset())
			.sum();
	}

}
