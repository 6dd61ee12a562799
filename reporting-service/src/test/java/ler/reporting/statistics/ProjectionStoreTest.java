package ler.reporting.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.DecisionRecorded;
import ler.events.RequestReceived;
import ler.testsupport.LocalMongo;
import ler.reporting.statistics.ProjectionStore.LogPosition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The projection store over the wire against the MongoDB-wire server. */
class ProjectionStoreTest {

	MongoClient client;

	MongoDatabase database;

	ProjectionStore store;

	@BeforeEach
	void store() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		this.database = this.client.getDatabase("projection_" + UUID.randomUUID().toString().replace("-", ""));
		this.store = new ProjectionStore(this.database);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void appliesAnEventOnceHoweverOftenItIsDelivered() {
		RequestReceived r = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 2, "2012-03-14T10:00:00Z");
		LogPosition at = new LogPosition("ler.requests", 0, 7);
		assertThat(request(r, at)).isTrue();
		assertThat(request(r, at)).isFalse();
		assertThat(request(r, new LogPosition("ler.requests", 0, 9))).as("published twice").isFalse();
		Figures.Row total = figures().total(null);
		assertThat(total.requests()).isEqualTo(1);
		assertThat(total.identifiers()).isEqualTo(2);
		assertThat(total.pending()).isEqualTo(1);
	}

	/**
	 * The store goes away after any of the writes of one event (before it reaches the
	 * store, or after, its answer lost), for longer than the binder's retries: the record
	 * is dead-lettered, then re-driven at a new offset, and the binder may also deliver
	 * the first copy again. Whatever the order, the event counts exactly once.
	 */
	@ParameterizedTest(
			name = "{0} writes, then fail (answer lost: {1}); counter document existed: {2}; {3}; re-drive first: {4}")
	@MethodSource("storeFailures")
	void anEventInterruptedByAStoreFailureCountsOnceWhenRedriven(int writesBefore, boolean answerLost,
			boolean documentExisted, String stream, boolean redriveFirst) {
		FailingStore failing = new FailingStore(this.database);
		ProjectionStore store = new ProjectionStore(failing.database());
		RequestReceived other = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2012-03-01T00:00:00Z");
		RequestReceived r = Events.received(UUID.randomUUID(), "NZ", "SEARCH_WARRANT", 2, "2012-03-14T10:00:00Z");
		DecisionRecorded d = Events.decided(r, "DISCLOSE_CONTENT", null);
		String topic = stream.equals("requests") ? "ler.requests" : "ler.decisions";
		if (documentExisted) {
			assertThat(apply(store, "requests", other, 1, new LogPosition("ler.requests", 0, 0))).isTrue();
			assertThat(apply(store, "decisions", Events.decided(other, "REJECT", null), 1,
					new LogPosition("ler.decisions", 0, 0)))
				.isTrue();
		}
		Object event = r;
		if (stream.equals("decisions")) {
			assertThat(apply(store, "requests", r, 1, new LogPosition("ler.requests", 0, 1))).isTrue();
			event = d;
		}
		if (answerLost) {
			failing.loseAnswerAfter(writesBefore);
		}
		else {
			failing.failAfter(writesBefore);
		}
		LogPosition first = new LogPosition(topic, 0, 5);
		boolean failed = false;
		for (int attempt = 0; attempt < 4; attempt++) {
			// the binder's retries, all while the store is away
			try {
				apply(store, stream, event, 1, first);
			}
			catch (RuntimeException ex) {
				failed = true;
			}
		}
		assertThat(failed).as("a write failed").isEqualTo(failing.failed() > 0);
		failing.heal();
		LogPosition redriven = new LogPosition(topic, 0, 40);
		if (redriveFirst) {
			apply(store, stream, event, 1, redriven);
			apply(store, stream, event, 1, first);
		}
		else {
			apply(store, stream, event, 1, first);
			apply(store, stream, event, 1, redriven);
		}
		assertThat(apply(store, stream, event, 1, new LogPosition(topic, 0, 41))).as("a later copy").isFalse();
		assertThat(apply(store, stream, event, 1, first)).as("a later redelivery").isFalse();

		Figures figures = Figures.sum(store.counters(List.of()).collectList().block());
		Figures.Row nz = figures.rows(null, "country")
			.stream()
			.filter((row) -> row.key().equals("NZ"))
			.findFirst()
			.orElseThrow();
		assertThat(nz.requests()).isEqualTo(1);
		assertThat(nz.identifiers()).isEqualTo(2);
		assertThat(nz.outcomes().content().count()).isEqualTo(stream.equals("decisions") ? 1 : 0);
		assertThat(nz.decided()).isEqualTo(stream.equals("decisions") ? 1 : 0);
		assertThat(figures.total(null).requests()).isEqualTo(documentExisted ? 2 : 1);
		assertThat(figures.series(Contribution.RECEIVED_ON, Contribution.REQUESTS)).containsEntry("2012-03-14", 1L);
	}

	static Stream<Arguments> storeFailures() {
		List<Arguments> cases = new ArrayList<>();
		// an event takes three writes: claim, counters with marker, claim complete
		for (int writes = 0; writes <= 3; writes++) {
			for (boolean answerLost : new boolean[] { false, true }) {
				for (boolean existed : new boolean[] { false, true }) {
					for (String stream : new String[] { "requests", "decisions" }) {
						for (boolean redriveFirst : new boolean[] { false, true }) {
							cases.add(Arguments.of(writes, answerLost, existed, stream, redriveFirst));
						}
					}
				}
			}
		}
		return cases.stream();
	}

	@Test
	void aCopyOfAnEventCompletedBeforeIsARepeatWhereverItIsInTheLog() {
		RequestReceived r = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2012-03-14T10:00:00Z");
		assertThat(request(r, new LogPosition("ler.requests", 2, 40))).isTrue();
		assertThat(request(r, new LogPosition("ler.requests", 2, 41))).as("a copy elsewhere in the log").isFalse();
		assertThat(request(r, new LogPosition("ler.requests", 1, 7))).as("on another partition").isFalse();
		assertThat(request(r, new LogPosition("ler.requests", 2, 40))).as("redelivered").isFalse();
		assertThat(figures().total(null).requests()).isEqualTo(1);
	}

	/**
	 * Copies of the same events applied at the same time by two instances (a rebalance)
	 * and a re-drive: each event counts once.
	 */
	@Test
	void copiesAppliedConcurrentlyByTwoInstancesAndARedriveCountOnce() throws Exception {
		ProjectionStore second = new ProjectionStore(this.database);
		List<RequestReceived> requests = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			requests.add(Events.received(UUID.randomUUID(), (i % 3 == 0) ? "US" : "DE", "SUBPOENA", 1 + i % 2,
					"2012-05-01T00:00:00Z"));
		}
		List<Callable<Void>> copies = new ArrayList<>();
		for (ProjectionStore instance : List.of(this.store, second, this.store)) {
			long base = copies.size() * 1000L;
			copies.add(() -> {
				for (int i = 0; i < requests.size(); i++) {
					RequestReceived r = requests.get(i);
					LogPosition at = new LogPosition("ler.requests", 0, base + i);
					for (int attempt = 0;; attempt++) {
						// the binder retries a record whose writes kept conflicting
						try {
							apply(instance, "requests", r, 1, at);
							applyDecision(instance, r, new LogPosition("ler.decisions", 0, base + i));
							break;
						}
						catch (IllegalStateException ex) {
							assertThat(attempt).as(ex.getMessage()).isLessThan(20);
						}
					}
				}
				return null;
			});
		}
		ExecutorService threads = Executors.newFixedThreadPool(copies.size());
		try {
			for (Future<Void> done : threads.invokeAll(copies)) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		Figures.Row total = figures().total(null);
		assertThat(total.requests()).isEqualTo(150);
		assertThat(total.identifiers()).isEqualTo(225);
		assertThat(total.decided()).isEqualTo(150);
		assertThat(total.outcomes().nonContent().count()).isEqualTo(150);
		assertThat(figures().rows(null, "country")).extracting(Figures.Row::key, Figures.Row::requests)
			.containsExactly(tuple("DE", 100L), tuple("US", 50L));
	}

	private void applyDecision(ProjectionStore instance, RequestReceived r, LogPosition at) {
		apply(instance, "decisions", Events.decided(r, "DISCLOSE_NON_CONTENT", null), 1, at);
	}

	/**
	 * A store written by the version that guarded counters by offset: its figures stay,
	 * and its claims read as complete.
	 */
	@Test
	void figuresWrittenByTheOffsetGuardedVersionStayAndItsClaimsAreComplete() {
		RequestReceived r = Events.received(UUID.randomUUID(), "FR", "SUBPOENA", 1, "2012-03-14T10:00:00Z");
		Mono.from(this.database.getCollection("request_claims")
			.insertOne(new Document("_id", r.requestId() + "|requests|1").append("topic", "ler.requests")
				.append("partition", 0)
				.append("offset", 3L)))
			.block();
		Mono.from(this.database.getCollection("stat_counters")
			.insertOne(new Document("_id", "ler.requests|0|2012-H1").append("period", "2012-H1")
				.append("lastOffset", 3L)
				.append("c", new Document("consumer",
						new Document("all",
								new Document("total", new Document("requests", 1L).append("identifiers", 1L)))
							.append("country",
									new Document("FR", new Document("requests", 1L).append("identifiers", 1L)))))))
			.block();
		ProjectionStore upgraded = new ProjectionStore(this.database);
		assertThat(apply(upgraded, "requests", r, 1, new LogPosition("ler.requests", 0, 9))).isFalse();
		RequestReceived next = Events.received(UUID.randomUUID(), "FR", "SUBPOENA", 2, "2012-04-14T10:00:00Z");
		assertThat(apply(upgraded, "requests", next, 1, new LogPosition("ler.requests", 0, 4))).isTrue();
		Figures.Row fr = figures().rows(null, "country").get(0);
		assertThat(fr.key()).isEqualTo("FR");
		assertThat(fr.requests()).isEqualTo(2);
		assertThat(fr.identifiers()).isEqualTo(3);
	}

	private static boolean apply(ProjectionStore store, String stream, Object event, long sequence, LogPosition at) {
		Contribution contribution = Contribution.ofEvent(event).orElseThrow();
		UUID requestId = (event instanceof RequestReceived r) ? r.requestId() : ((DecisionRecorded) event).requestId();
		return store.apply(requestId, stream, sequence, at, contribution).block();
	}

	@Test
	void aDecisionMayArriveBeforeItsRequest() {
		RequestReceived r = Events.received(UUID.randomUUID(), "US", "SEARCH_WARRANT", 1, "2012-03-14T10:00:00Z");
		assertThat(decision(Events.decided(r, "DISCLOSE_CONTENT", null), 1, new LogPosition("ler.decisions", 1, 0)))
			.isTrue();
		assertThat(request(r, new LogPosition("ler.requests", 0, 0))).isTrue();
		Figures.Row us = figures().rows(null, "country").get(0);
		assertThat(us.key()).isEqualTo("US");
		assertThat(us.requests()).isEqualTo(1);
		assertThat(us.outcomes().content().count()).isEqualTo(1);
		assertThat(us.outcomes().content().percent()).isEqualByComparingTo("100.0");
		assertThat(us.pending()).isZero();
	}

	@Test
	void aCorrectionMovesTheRequestAndAStaleRepeatDoesNotMoveItBack() {
		RequestReceived r = Events.received(UUID.randomUUID(), "DE", "COURT_ORDER", 1, "2012-09-01T00:00:00Z");
		request(r, new LogPosition("ler.requests", 0, 0));
		decision(Events.decided(r, "DISCLOSE_CONTENT", null), 1, new LogPosition("ler.decisions", 0, 0));
		decision(Events.decided(r, "REJECT", "DISCLOSE_CONTENT"), 2, new LogPosition("ler.decisions", 0, 1));
		assertThat(decision(Events.decided(r, "DISCLOSE_CONTENT", null), 1, new LogPosition("ler.decisions", 0, 2)))
			.isFalse();
		Figures.Row de = figures().total(null);
		assertThat(de.outcomes().content().count()).isZero();
		assertThat(de.outcomes().rejected().count()).isEqualTo(1);
		assertThat(de.decided()).isEqualTo(1);
	}

	@Test
	void figuresEqualTheUniqueEventsWhateverTheRepeatsAndInterleaving() {
		Random random = new Random(2012);
		String[] countries = { "US", "GB", "TR", "DE", "FR" };
		String[] decisions = { "DISCLOSE_CONTENT", "DISCLOSE_NON_CONTENT", "NO_DATA_FOUND", "REJECT", null };
		List<List<Runnable>> partitions = new ArrayList<>();
		for (int p = 0; p < 6; p++) {
			partitions.add(new ArrayList<>());
		}
		Map<String, Long> expected = new HashMap<>();
		long[] offsets = new long[6];
		for (int i = 0; i < 300; i++) {
			RequestReceived r = Events.received(UUID.randomUUID(), countries[random.nextInt(5)], "SUBPOENA",
					1 + random.nextInt(4), (random.nextBoolean() ? "2012-02-01" : "2012-10-01") + "T00:00:00Z");
			expected.merge("requests", 1L, Long::sum);
			expected.merge("identifiers", (long) r.identifiers().size(), Long::sum);
			int copies = 1 + random.nextInt(3);
			int rp = random.nextInt(3);
			for (int c = 0; c < copies; c++) {
				LogPosition at = new LogPosition("ler.requests", rp, offsets[rp]++);
				partitions.get(rp).add(() -> request(r, at));
			}
			String decision = decisions[random.nextInt(decisions.length)];
			if (decision != null) {
				expected.merge(Outcome.of(decision).get().metric(), 1L, Long::sum);
				DecisionRecorded d = Events.decided(r, decision, null);
				int dp = 3 + random.nextInt(3);
				for (int c = 0; c < copies; c++) {
					LogPosition at = new LogPosition("ler.decisions", dp - 3, offsets[dp]++);
					partitions.get(dp).add(() -> decision(d, 1, at));
				}
			}
		}
		// partitions interleave freely; within a partition the log order holds, and the
		// consumer may see any record again after a crash (redelivery of a suffix)
		List<Integer> cursor = new ArrayList<>(Collections.nCopies(6, 0));
		while (cursor.stream().mapToInt(Integer::intValue).sum() < partitions.stream().mapToInt(List::size).sum()) {
			int p = random.nextInt(6);
			int at = cursor.get(p);
			if (at < partitions.get(p).size()) {
				partitions.get(p).get(at).run();
				if (random.nextInt(10) == 0) {
					int from = Math.max(0, at - random.nextInt(3));
					for (int k = from; k <= at; k++) {
						partitions.get(p).get(k).run();
					}
				}
				cursor.set(p, at + 1);
			}
		}
		Figures.Row total = figures().total(null);
		assertThat(total.requests()).isEqualTo(expected.get("requests"));
		assertThat(total.identifiers()).isEqualTo(expected.get("identifiers"));
		assertThat(total.outcomes().content().count()).isEqualTo(expected.getOrDefault("content", 0L));
		assertThat(total.outcomes().nonContent().count()).isEqualTo(expected.getOrDefault("nonContent", 0L));
		assertThat(total.outcomes().noDataFound().count()).isEqualTo(expected.getOrDefault("noData", 0L));
		assertThat(total.outcomes().rejected().count()).isEqualTo(expected.getOrDefault("rejected", 0L));
		assertThat(figures().rows(null, "country").stream().mapToLong(Figures.Row::requests).sum())
			.isEqualTo(total.requests());
	}

	private boolean request(RequestReceived r, LogPosition at) {
		return this.store.apply(r.requestId(), "requests", 1, at, Contribution.of(r)).block();
	}

	private boolean decision(DecisionRecorded d, long sequence, LogPosition at) {
		return this.store.apply(d.requestId(), "decisions", sequence, at, Contribution.of(d)).block();
	}

	private Figures figures() {
		return Figures.sum(this.store.counters(List.of()).collectList().block());
	}

	@Test
	void pendingExcludesDecidedAndWithdrawnAndPreservationsStandApart() {
		RequestReceived open = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2012-03-01T00:00:00Z");
		RequestReceived withdrawn = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2012-03-01T00:00:00Z");
		RequestReceived preservation = Events.received(UUID.randomUUID(), "GB", "PRESERVATION", 1,
				"2012-03-01T00:00:00Z");
		request(open, new LogPosition("ler.requests", 0, 0));
		request(withdrawn, new LogPosition("ler.requests", 0, 1));
		request(preservation, new LogPosition("ler.requests", 0, 2));
		ler.events.CaseWithdrawn closed = new ler.events.CaseWithdrawn(withdrawn.requestId(), "error",
				java.time.Instant.now(), Events.decided(withdrawn, "X", null).request());
		assertThat(this.store
			.apply(withdrawn.requestId(), "decisions", 1, new LogPosition("ler.decisions", 0, 0),
					Contribution.of(closed))
			.block()).isTrue();
		Figures.Row total = figures().total(null);
		assertThat(total.requests()).isEqualTo(2);
		assertThat(total.withdrawn()).isEqualTo(1);
		assertThat(total.pending()).isEqualTo(1);
		assertThat(total.preservations()).isEqualTo(1);
	}

}
