package ler.reporting.statistics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

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
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

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

	@Test
	void theRecordHoldingAClaimIsAppliedWhenRedeliveredAfterACrash() {
		RequestReceived r = Events.received(UUID.randomUUID(), "GB", "SUBPOENA", 1, "2012-03-14T10:00:00Z");
		// a crash right after the claim, before the counters
		Mono.from(this.database.getCollection("request_claims")
			.insertOne(new Document("_id", r.requestId() + "|requests|1").append("sequence", 1L)
				.append("topic", "ler.requests")
				.append("partition", 2)
				.append("offset", 40L)))
			.block();
		assertThat(request(r, new LogPosition("ler.requests", 2, 41))).as("a copy elsewhere in the log").isFalse();
		assertThat(request(r, new LogPosition("ler.requests", 2, 40))).isTrue();
		assertThat(request(r, new LogPosition("ler.requests", 2, 40))).isFalse();
		assertThat(figures().total(null).requests()).isEqualTo(1);
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
