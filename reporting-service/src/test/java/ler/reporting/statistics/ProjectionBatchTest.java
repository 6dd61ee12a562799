package ler.reporting.statistics;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.RequestReceived;
import ler.reporting.statistics.ProjectionStore.Item;
import ler.reporting.statistics.ProjectionStore.LogPosition;
import ler.testsupport.LocalMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batches of events ({@link ProjectionStore#applyAll}) over the wire against the
 * MongoDB-wire server: each event counts once whatever fails between the batch's writes,
 * however the batch is retried, and whichever copies arrive alone or in other batches.
 */
class ProjectionBatchTest {

	MongoClient client;

	MongoDatabase database;

	@BeforeEach
	void store() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		this.database = this.client.getDatabase("batch_" + UUID.randomUUID().toString().replace("-", ""));
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	/** Six requests over two half-years (two counter documents), one of them twice. */
	private static List<Item> batch(long firstOffset) {
		List<Item> items = new ArrayList<>();
		String[] countries = { "US", "GB", "US", "DE", "FR", "US" };
		for (int i = 0; i < countries.length; i++) {
			RequestReceived r = Events.received(new UUID(7, i), countries[i], "SUBPOENA", 1 + i % 2,
					(i % 2 == 0) ? "2012-03-01T00:00:00Z" : "2012-09-01T00:00:00Z");
			items.add(new Item(r.requestId(), "requests", 1, new LogPosition("ler.requests", 0, firstOffset + i),
					Contribution.of(r)));
		}
		// a duplicate publish of the second request within the same poll
		Item copy = items.get(1);
		items.add(new Item(copy.requestId(), "requests", 1, new LogPosition("ler.requests", 0, firstOffset + 6),
				copy.contribution()));
		return items;
	}

	private static void assertExact(ProjectionStore store) {
		Figures figures = Figures.sum(store.counters(List.of()).collectList().block());
		Figures.Row total = figures.total(null);
		assertThat(total.requests()).isEqualTo(6);
		assertThat(total.identifiers()).isEqualTo(9);
		assertThat(figures.rows(null, "country")).extracting(Figures.Row::key, Figures.Row::requests)
			.containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("US", 3L),
					org.assertj.core.api.Assertions.tuple("GB", 1L), org.assertj.core.api.Assertions.tuple("DE", 1L),
					org.assertj.core.api.Assertions.tuple("FR", 1L));
	}

	@Test
	void aBatchCountsEachEventOnceAndAnsweredPerItem() {
		ProjectionStore store = new ProjectionStore(this.database);
		List<Boolean> first = store.applyAll(batch(0)).block();
		assertThat(first).containsExactly(true, true, true, true, true, true, false);
		assertThat(store.applyAll(batch(0)).block()).as("redelivered").containsOnly(false);
		assertThat(store.applyAll(batch(100)).block()).as("published again elsewhere in the log").containsOnly(false);
		assertExact(store);
	}

	/**
	 * The store goes away after any of the batch's writes (claims, two counter documents,
	 * two applied markers), its last answer lost or not: the container retries the batch
	 * while the store is away, then the batch is redelivered, and some of its events also
	 * arrive alone (a re-drive) or in another batch. Each counts once.
	 */
	@ParameterizedTest(name = "{0} writes, then fail (answer lost: {1}); then: {2}")
	@MethodSource("failures")
	void aBatchInterruptedByAStoreFailureCountsEachEventOnce(int writesBefore, boolean answerLost, String then) {
		FailingStore failing = new FailingStore(this.database);
		ProjectionStore store = new ProjectionStore(failing.database());
		if (answerLost) {
			failing.loseAnswerAfter(writesBefore);
		}
		else {
			failing.failAfter(writesBefore);
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			try {
				store.applyAll(batch(0)).block();
			}
			catch (RuntimeException ex) {
				// the store is away: the container will try again
			}
		}
		failing.heal();
		List<Item> batch = batch(0);
		switch (then) {
			case "redelivered" -> store.applyAll(batch).block();
			case "one by one" -> batch.forEach((item) -> apply(store, item));
			case "redriven first, then redelivered" -> {
				apply(store, batch.get(3));
				apply(store, batch.get(0));
				store.applyAll(batch).block();
			}
			default -> {
				// another instance took the partition over: same events, its own batch
				ProjectionStore other = new ProjectionStore(this.database);
				other.applyAll(batch(50).subList(2, 7)).block();
				store.applyAll(batch).block();
			}
		}
		assertThat(store.applyAll(batch(0)).block()).as("a later redelivery").containsOnly(false);
		assertThat(new ProjectionStore(this.database).applyAll(batch(90)).block()).as("a later copy")
			.containsOnly(false);
		assertExact(store);
	}

	static Stream<Arguments> failures() {
		List<Arguments> cases = new ArrayList<>();
		// claims (1), counter documents (2), applied markers (2)
		for (int writes = 0; writes <= 5; writes++) {
			for (boolean answerLost : new boolean[] { false, true }) {
				for (String then : new String[] { "redelivered", "one by one", "redriven first, then redelivered",
						"taken over" }) {
					cases.add(Arguments.of(writes, answerLost, then));
				}
			}
		}
		return cases.stream();
	}

	/**
	 * Two instances apply overlapping batches of the same partition at the same time (a
	 * rebalance that left a zombie), while single copies are re-driven: each event counts
	 * once.
	 */
	@Test
	void overlappingBatchesAppliedConcurrentlyCountOnce() throws Exception {
		ProjectionStore one = new ProjectionStore(this.database);
		ProjectionStore two = new ProjectionStore(this.database);
		List<Item> all = new ArrayList<>();
		for (int i = 0; i < 600; i++) {
			RequestReceived r = Events.received(UUID.randomUUID(), (i % 3 == 0) ? "US" : "DE", "SUBPOENA", 1,
					(i % 2 == 0) ? "2012-05-01T00:00:00Z" : "2012-11-01T00:00:00Z");
			all.add(new Item(r.requestId(), "requests", 1, new LogPosition("ler.requests", 0, i), Contribution.of(r)));
		}
		List<Callable<Void>> work = new ArrayList<>();
		for (ProjectionStore instance : List.of(one, two)) {
			int size = (instance == one) ? 50 : 70;
			work.add(() -> {
				for (int from = 0; from < all.size(); from += size) {
					List<Item> batch = all.subList(from, Math.min(all.size(), from + size));
					retried(() -> instance.applyAll(batch).block());
				}
				return null;
			});
		}
		work.add(() -> {
			for (int i = 0; i < all.size(); i += 7) {
				Item item = all.get(i);
				retried(() -> apply(one, item));
			}
			return null;
		});
		ExecutorService threads = Executors.newFixedThreadPool(work.size());
		try {
			for (Future<Void> done : threads.invokeAll(work)) {
				done.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		Figures figures = Figures.sum(one.counters(List.of()).collectList().block());
		assertThat(figures.total(null).requests()).isEqualTo(600);
		assertThat(figures.rows(null, "country")).extracting(Figures.Row::key, Figures.Row::requests)
			.containsExactlyInAnyOrder(org.assertj.core.api.Assertions.tuple("US", 200L),
					org.assertj.core.api.Assertions.tuple("DE", 400L));
	}

	/** The container retries a batch whose writes kept conflicting. */
	private static void retried(Runnable attempt) {
		for (int i = 0;; i++) {
			try {
				attempt.run();
				return;
			}
			catch (IllegalStateException ex) {
				assertThat(i).as(ex.getMessage()).isLessThan(20);
			}
		}
	}

	private static Boolean apply(ProjectionStore store, Item item) {
		return store.apply(item.requestId(), item.stream(), item.sequence(), item.position(), item.contribution())
			.block();
	}

}
