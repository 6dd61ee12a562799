package ler.localstack;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import ler.localstack.faults.FaultSuite;
import ler.localstack.replay.Expectations;
import ler.localstack.replay.Plan2012;
import ler.localstack.replay.Replay2012;
import ler.localstack.restore.Destination;
import ler.localstack.restore.Origin;
import ler.localstack.restore.TopicCopy;
import ler.localstack.restore.TopicRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The restore path of docs/backup-restore.md, run end to end: the whole system replays a
 * slice of 2012 (requests, decisions, consent, four-eyes approvals) and dead-letters a
 * poison record; its topics are copied to a second broker started as the launcher starts
 * one; reporting and intake start on that broker with empty databases and rebuild their
 * views from the log alone; the figures, the transparency report and every request view
 * are then identical to the original's. Differences are reported by field, never by
 * value: the views hold identifiers.
 */
class RestoreFromLogIT {

	static final JsonMapper json = JsonMapper.builder().build();

	/** The consumer groups whose views are rebuilt, and the topic each reads. */
	static final Map<String, String> GROUPS = Map.of("intake-request-view", "ler.requests", "intake-decision-view",
			"ler.decisions", "reporting-requests", "ler.requests", "reporting-decisions", "ler.decisions");

	static final List<String> FIGURES = List.of("/api/statistics", "/api/statistics?period=2012",
			"/api/statistics?period=2012-H1", "/api/statistics?period=2012-H2",
			"/api/reports/transparency?period=2012");

	static LocalStack original;

	static LocalStack restored;

	@AfterAll
	static void stop() {
		for (LocalStack stack : new LocalStack[] { restored, original }) {
			if (stack != null) {
				stack.close();
			}
		}
	}

	@Test
	void aFreshBrokerFedWithTheCopiedTopicsRebuildsTheSameFiguresReportAndRequestViews() throws Exception {
		original = TestStack.start("ler-restore-original", Map.of());
		List<Plan2012.Request> plan = slice(Plan2012.plan(0.01));
		Replay2012 replay = new Replay2012(original.settings().url("intake-service"),
				original.settings().url("review-service"), original.settings().url("reporting-service"), 4,
				original.settings().issuer(), "restore-");
		replay.replay(plan);
		assertThat(Expectations.of(plan).compare(replay.awaitReport(plan, Duration.ofMinutes(3)))).isEmpty();
		Map<String, Object> originAdmin = KafkaAccess.adminClient(original.settings().dataDir());
		// every consumer dead-letters a record it cannot read: the dead-letter topics
		// hold
		// records with the binder's headers
		TestStack.publishPoison(originAdmin);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(List.of(TestStack.records(originAdmin, "ler.requests.dlq.intake"),
					TestStack.records(originAdmin, "ler.requests.dlq.review"),
					TestStack.records(originAdmin, "ler.requests.dlq.reporting")))
				.containsOnly(1L));
		// review's timers could still write: the log stands still from here
		original.kill("review-service");
		awaitConsumed(originAdmin);
		Map<String, JsonNode> figures = figures(original);
		var log = TopicRecords.read(originAdmin, KafkaAccess.declaredTopics());
		List<String> ids = requestIds(log);
		assertThat(ids).hasSize(plan.size());
		Map<String, JsonNode> views = views(original, ids);
		assertThat(views.values())
			.allSatisfy((view) -> assertThat(view.path("status").asString()).isEqualTo("DECIDED"));
		assertThat(views.values().stream().filter((view) -> view.path("review").path("decision").isObject()))
			.hasSize(plan.size());

		restored = secondStack();
		restored.startBroker();
		Map<String, Object> restoredAdmin = KafkaAccess.adminClient(restored.settings().dataDir());
		try (Origin from = Origin.broker(originAdmin, KafkaAccess.declaredTopics());
				Destination to = Destination.broker(restoredAdmin, new KafkaAccess.TopicSettings(3, (short) 1, 1))) {
			TopicCopy.copy(from, to, System.out);
		}
		assertThat(TopicRecords.differences(log, TopicRecords.read(restoredAdmin, KafkaAccess.declaredTopics())))
			.isEmpty();

		// intake and reporting on the copy, with a new, empty store
		restored.startStore();
		restored.startService("intake-service");
		restored.startService("reporting-service");
		restored.awaitReady("intake-service");
		restored.awaitReady("reporting-service");
		HttpResponse<String> rebuild = TestStack.post(restored, "reporting-service", "/api/projection/rebuild", "");
		assertThat(rebuild.statusCode()).as(rebuild.body()).isEqualTo(202);
		awaitConsumed(restoredAdmin);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(differences(figures, figures(restored))).isEmpty());
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(differences(views, views(restored, ids))).isEmpty());
		assertThat(TestStack.countriesCsv(restored)).isEqualTo(TestStack.countriesCsv(original));
		// the restored consumers met the poison record again: their dead-letter topics
		// hold the copied dead letter and new ones (review, not started, only the copy)
		assertThat(TestStack.records(restoredAdmin, "ler.requests.dlq.intake")).isGreaterThanOrEqualTo(2);
		assertThat(TestStack.records(restoredAdmin, "ler.requests.dlq.reporting")).isGreaterThanOrEqualTo(2);
		assertThat(TestStack.records(restoredAdmin, "ler.requests.dlq.review")).isEqualTo(1);
	}

	/**
	 * Every enterprise request, every content disclosure (four eyes) and every eighth of
	 * the rest of a hundredth of 2012.
	 */
	static List<Plan2012.Request> slice(List<Plan2012.Request> plan) {
		List<Plan2012.Request> slice = new ArrayList<>();
		for (int i = 0; i < plan.size(); i++) {
			Plan2012.Request request = plan.get(i);
			if (request.outcome().enterprise() || request.outcome() == Plan2012.Outcome.CONTENT || i % 8 == 0) {
				slice.add(request);
			}
		}
		return slice;
	}

	/**
	 * Reporting and intake on a broker and store of their own; tokens from the original's
	 * identity provider.
	 */
	static LocalStack secondStack() throws Exception {
		Map<String, Integer> ports = new LinkedHashMap<>();
		ports.put("intake-service", FaultSuite.freePort());
		ports.put("reporting-service", FaultSuite.freePort());
		ports.put(LocalStack.IDENTITY_PROVIDER, original.settings().servicePorts().get(LocalStack.IDENTITY_PROVIDER));
		return new LocalStack(new LocalStack.Settings(original.settings().root(),
				Files.createTempDirectory("ler-restore-restored"), FaultSuite.freePort(), FaultSuite.freePort(),
				FaultSuite.freePort(), ports, null, null, Map.of()));
	}

	static Map<String, JsonNode> figures(LocalStack stack) throws Exception {
		Map<String, JsonNode> figures = new LinkedHashMap<>();
		for (String path : FIGURES) {
			HttpResponse<String> answer = TestStack.get(stack, "reporting-service", path);
			assertThat(answer.statusCode()).as(path).isEqualTo(200);
			figures.put(path, json.readTree(answer.body()));
		}
		return figures;
	}

	static Map<String, JsonNode> views(LocalStack stack, List<String> ids) throws Exception {
		Map<String, JsonNode> views = new LinkedHashMap<>();
		for (String id : ids) {
			HttpResponse<String> answer = TestStack.get(stack, "intake-service", "/api/requests/" + id);
			views.put(id, (answer.statusCode() == 200) ? json.readTree(answer.body())
					: json.createObjectNode().put("answered", answer.statusCode()));
		}
		return views;
	}

	/**
	 * The request ids, the keys of {@code ler.requests} (the poison record's is none).
	 */
	static List<String> requestIds(Map<TopicPartition, List<TopicRecords.Content>> log) {
		Set<String> ids = new LinkedHashSet<>();
		log.forEach((tp, records) -> {
			if (tp.topic().equals("ler.requests")) {
				for (TopicRecords.Content record : records) {
					if (record.key() == null) {
						continue;
					}
					String key = new String(record.key(), StandardCharsets.UTF_8);
					try {
						ids.add(UUID.fromString(key).toString());
					}
					catch (IllegalArgumentException ex) {
						// the poison record
					}
				}
			}
		});
		return List.copyOf(ids);
	}

	/**
	 * Where {@code after} differs from {@code before}: how many entries differ, and in
	 * which fields (paths with array indexes dropped), never the entries' keys or values.
	 */
	static List<String> differences(Map<String, JsonNode> before, Map<String, JsonNode> after) {
		Set<String> fields = new TreeSet<>();
		int entries = 0;
		for (Map.Entry<String, JsonNode> entry : before.entrySet()) {
			Set<String> here = new TreeSet<>();
			compare("", entry.getValue(), after.get(entry.getKey()), here);
			if (!here.isEmpty()) {
				entries++;
				fields.addAll(here);
			}
		}
		return (entries == 0) ? List.of()
				: List.of(entries + " of " + before.size() + " differ, in " + String.join(", ", fields));
	}

	private static void compare(String path, JsonNode a, JsonNode b, Set<String> differing) {
		if (a == null || b == null || a.getNodeType() != b.getNodeType()) {
			if (a != b) {
				differing.add(path.isEmpty() ? "(all)" : path);
			}
			return;
		}
		if (a.isObject()) {
			Set<String> names = new TreeSet<>(a.propertyNames());
			names.addAll(b.propertyNames());
			for (String name : names) {
				compare(path.isEmpty() ? name : path + "." + name, a.get(name), b.get(name), differing);
			}
		}
		else if (a.isArray()) {
			if (a.size() != b.size()) {
				differing.add(path + "[size]");
			}
			for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
				compare(path + "[]", a.get(i), b.get(i), differing);
			}
		}
		else if (!a.equals(b)) {
			differing.add(path);
		}
	}

	/** Waits until every group of {@link #GROUPS} has consumed its topic to the end. */
	static void awaitConsumed(Map<String, Object> client) {
		try (Admin admin = Admin.create(client)) {
			await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.untilAsserted(() -> assertThat(lag(admin)).as("records not yet consumed, per group")
					.allSatisfy((group, lag) -> assertThat(lag).as(group).isZero()));
		}
	}

	private static Map<String, Long> lag(Admin admin) throws Exception {
		Map<String, Long> lag = new HashMap<>();
		for (Map.Entry<String, String> group : GROUPS.entrySet()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
				.partitionsToOffsetAndMetadata()
				.get(10, TimeUnit.SECONDS);
			long behind = 0;
			for (Map.Entry<TopicPartition, Long> end : TestStack.ends(admin, group.getValue()).entrySet()) {
				OffsetAndMetadata at = committed.get(end.getKey());
				behind += end.getValue() - ((at == null) ? 0 : at.offset());
			}
			lag.put(group.getKey(), behind);
		}
		return lag;
	}

}
