package ler.review.cases.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.CaseDecider;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.CaseEvolver;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.ReviewCase;
import ler.testsupport.LocalMongo;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's index over the wire against the MongoDB-wire server, with pages of four
 * keys so that every test splits and drops pages many times.
 */
class CaseQueueTest {

	static final Instant RECEIVED = Instant.parse("2012-06-18T09:30:00Z");

	MongoClient client;

	MongoDatabase database;

	CaseQueue queue;

	final Random random = new Random(13);

	@BeforeEach
	void queue() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		this.database = this.client.getDatabase("queue_" + UUID.randomUUID().toString().replace("-", ""));
		this.queue = new CaseQueue(this.database, 4);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void readsKeysInOrderAcrossSplitsAndDroppedPages() {
		List<String> keys = keys(300);
		List<String> shuffled = new ArrayList<>(keys);
		Collections.shuffle(shuffled, this.random);
		Flux.fromIterable(shuffled).concatMap((k) -> this.queue.add("UNDER_REVIEW", k)).blockLast();
		assertThat(read("UNDER_REVIEW")).containsExactlyElementsOf(new TreeSet<>(keys));
		assertThat(this.queue.keys("UNDER_REVIEW").take(7).collectList().block())
			.containsExactlyElementsOf(new TreeSet<>(keys).stream().limit(7).toList());

		List<String> removed = shuffled.subList(0, 250);
		Flux.fromIterable(removed).concatMap((k) -> this.queue.remove("UNDER_REVIEW", k)).blockLast();
		TreeSet<String> left = new TreeSet<>(keys);
		removed.forEach(left::remove);
		assertThat(read("UNDER_REVIEW")).containsExactlyElementsOf(left);
		// emptied pages are dropped: what is left fits in few pages
		assertThat(pagesOf("UNDER_REVIEW")).isLessThanOrEqualTo(left.size() + 1);
		assertThat(read("DECIDED")).isEmpty();
	}

	@Test
	void keysArrivingInOrderFillTheirPages() {
		List<String> keys = new ArrayList<>(new TreeSet<>(keys(300)));
		Flux.fromIterable(keys).concatMap((k) -> this.queue.add("DECIDED", k)).blockLast();
		assertThat(read("DECIDED")).containsExactlyElementsOf(keys);
		// every page but the last is full (300 / 4 = 75); halves would leave 150
		// half-full
		assertThat(pagesOf("DECIDED")).isEqualTo(75);
		// a key out of order still splits its full page in halves, and nothing is lost
		String early = keys.get(5).replace("|o", "|early");
		this.queue.add("DECIDED", early).block();
		TreeSet<String> expected = new TreeSet<>(keys);
		expected.add(early);
		assertThat(read("DECIDED")).containsExactlyElementsOf(expected);
		assertThat(pagesOf("DECIDED")).isEqualTo(76);
	}

	/**
	 * Keys added a batch at a time, in order, fill whole pages; batches out of order,
	 * overlapping, repeated or landing on pages frozen or replaced meanwhile lose nothing
	 * and add nothing twice.
	 */
	@Test
	void keysAddedInBatchesFillTheirPagesAndLoseNothing() {
		List<String> keys = new ArrayList<>(new TreeSet<>(keys(300)));
		for (int start = 0; start < 200; start += 50) {
			this.queue.addAll("DECIDED", keys.subList(start, start + 50)).block();
		}
		assertThat(read("DECIDED")).containsExactlyElementsOf(keys.subList(0, 200));
		// every page full: 200 / 4
		assertThat(pagesOf("DECIDED")).isEqualTo(50);

		// a batch spread over the whole lane, half of it repeats
		List<String> spread = new ArrayList<>(keys.subList(200, 300));
		spread.addAll(keys.subList(0, 100));
		Collections.shuffle(spread, this.random);
		// another instance, whose cached directory goes stale under it
		CaseQueue other = new CaseQueue(this.database, 4);
		other.keys("DECIDED").take(1).blockLast();
		this.queue.addAll("DECIDED", spread.subList(0, 100)).block();
		other.addAll("DECIDED", spread.subList(100, 200)).block();
		assertThat(read("DECIDED")).containsExactlyElementsOf(keys);
		assertThat(other.keys("DECIDED").collectList().block()).containsExactlyElementsOf(keys);

		// a page frozen by a writer that died: the batch finishes the move and lands
		Document dir = Mono.from(this.database.getCollection("queue_lane_DECIDED").find().first()).block();
		String page = dir.getList("pages", Document.class).get(3).getString("page");
		Mono.from(this.database.getCollection("queue_pages")
			.updateOne(Filters.eq("_id", page), Updates.set("frozen", true))).block();
		List<String> late = keys.subList(10, 20).stream().map((k) -> k.replace("|o", "|late")).toList();
		this.queue.addAll("DECIDED", late).block();
		TreeSet<String> expected = new TreeSet<>(keys);
		expected.addAll(late);
		assertThat(read("DECIDED")).containsExactlyElementsOf(expected);
	}

	@Test
	void concurrentBatchesAndSingleWritersLoseNoKey() {
		List<String> keys = keys(400);
		Flux.merge(Flux.range(0, 4).map((i) -> this.queue.addAll("UNDER_REVIEW", keys.subList(i * 50, i * 50 + 50))),
				Flux.fromIterable(keys.subList(200, 400)).map((k) -> this.queue.add("UNDER_REVIEW", k)))
			.flatMap((work) -> work, 16)
			.blockLast();
		assertThat(read("UNDER_REVIEW")).containsExactlyElementsOf(new TreeSet<>(keys));
		assertThat(new CaseQueue(this.database, 4).keys("UNDER_REVIEW").collectList().block())
			.containsExactlyElementsOf(new TreeSet<>(keys));
	}

	/**
	 * Keys stored by earlier versions stay valid: the form is fixed, 16 digits of time.
	 */
	@Test
	void aKeyIsPrioritySixteenDigitsOfTimeCaseAndToken() {
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		UUID id = UUID.fromString("0190d7a8-5a3e-7c11-9a2b-3c4d5e6f7a8b");
		for (String at : List.of("0001-01-01T00:00:00Z", "2012-06-18T09:30:00.123Z", "9999-12-31T23:59:59.999Z")) {
			Instant received = Instant.parse(at);
			ReviewCase c = CaseEvolver.fold(decider.decide(null, new CaseCommand.Open(id,
					new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", "CONSUMER", null, "SUBPOENA",
							List.of(new ReviewCase.Identifier("EMAIL", "a@example.com", "a@example.com")), List.of(),
							null, null, true, null, received, received)),
					RECEIVED));
			long shifted = Instant.parse(at).toEpochMilli() + 62_135_596_800_000L;
			assertThat(CaseQueue.key(c, "o"))
				.isEqualTo("1|" + String.format(java.util.Locale.ROOT, "%016d", shifted) + "|" + id + "|o");
		}
	}

	@Test
	void concurrentWritersLoseNoKeyAndKeepNoRemovedOne() {
		List<String> keys = keys(400);
		Flux.fromIterable(keys.subList(0, 200)).flatMap((k) -> this.queue.add("UNDER_REVIEW", k), 16).blockLast();
		// the other half arrives while the first half leaves
		Flux.merge(Flux.fromIterable(keys.subList(200, 400)).map((k) -> this.queue.add("UNDER_REVIEW", k)),
				Flux.fromIterable(keys.subList(0, 150)).map((k) -> this.queue.remove("UNDER_REVIEW", k)))
			.flatMap((work) -> work, 16)
			.blockLast();
		TreeSet<String> expected = new TreeSet<>(keys.subList(150, 400));
		assertThat(read("UNDER_REVIEW")).containsExactlyElementsOf(expected);
		// and a second instance (its own directory cache) sees the same
		assertThat(new CaseQueue(this.database, 4).keys("UNDER_REVIEW").collectList().block())
			.containsExactlyElementsOf(expected);
	}

	@Test
	void aPageFrozenByAWriterThatCrashedIsFinishedByTheNextOne() {
		List<String> keys = keys(20);
		Flux.fromIterable(keys).concatMap((k) -> this.queue.add("UNDER_REVIEW", k)).blockLast();
		Document dir = Mono.from(this.database.getCollection("queue_lane_UNDER_REVIEW").find().first()).block();
		String first = dir.getList("pages", Document.class).get(0).getString("page");
		// a writer froze the page and died before its plan
		Mono.from(this.database.getCollection("queue_pages")
			.updateOne(Filters.eq("_id", first), Updates.set("frozen", true))).block();
		String late = keys.get(0).replace("|o", "|late");
		this.queue.add("UNDER_REVIEW", late).block();
		TreeSet<String> expected = new TreeSet<>(keys);
		expected.add(late);
		assertThat(read("UNDER_REVIEW")).containsExactlyElementsOf(expected);
		// and one frozen again after its plan was written is read through as well
		dir = Mono.from(this.database.getCollection("queue_lane_UNDER_REVIEW").find().first()).block();
		String again = dir.getList("pages", Document.class).get(1).getString("page");
		Mono.from(this.database.getCollection("queue_pages")
			.updateOne(Filters.eq("_id", again), Updates.set("frozen", true))).block();
		assertThat(new CaseQueue(this.database, 4).keys("UNDER_REVIEW").collectList().block())
			.containsExactlyElementsOf(expected);
	}

	/**
	 * A helper that stalled while carrying out a split's plan, long enough for a page of
	 * that plan to be split again, inserts that page late: it must not come back outside
	 * the directory, where a writer whose cached directory still names it would add a key
	 * that no read finds (ADR 12's known gap until replaced pages stayed as tombstones).
	 */
	@Test
	void aPageReplacedAgainIsNotBroughtBackByAHelperThatStalledOnItsPlan() {
		List<String> keys = new ArrayList<>(new TreeSet<>(keys(10)));
		this.queue.addAll("DECIDED", keys.subList(0, 4)).block();
		String split = pageIds("DECIDED").get(0);
		this.queue.add("DECIDED", keys.get(4)).block();
		// the first page's plan, as a helper read it: the pages it made, keys and all
		List<Document> made = pageIds("DECIDED").stream().map(this::page).toList();
		assertThat(made).hasSize(2);
		Document plan = new Document("_id", split).append("pages", made);
		// another instance caches the directory that names them
		CaseQueue other = new CaseQueue(this.database, 4);
		other.keys("DECIDED").take(1).blockLast();
		// the plan's second page fills and is split in turn
		this.queue.addAll("DECIDED", keys.subList(5, 9)).block();
		assertThat(pageIds("DECIDED")).doesNotContain(made.get(1).getString("_id"));
		// the stalled helper wakes and carries out the first plan
		this.queue.replace("DECIDED", split, plan).block();
		// the other instance adds a key that its stale directory routes to that page
		other.add("DECIDED", keys.get(9)).block();
		assertThat(read("DECIDED")).containsExactlyElementsOf(keys);
		assertThat(other.keys("DECIDED").collectList().block()).containsExactlyElementsOf(keys);
	}

	@Test
	void theStoreListsEachCaseOnceInTheLaneOfItsStateEmergenciesFirst() {
		CaseStore store = new CaseStore(this.database, 4);
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		List<UUID> ids = new ArrayList<>();
		UUID emergency = null;
		for (int i = 0; i < 30; i++) {
			UUID id = UUID.randomUUID();
			String process = (i == 17) ? "EMERGENCY" : "SUBPOENA";
			List<CaseEvent> opened = decider.decide(null, new CaseCommand.Open(id, request(process, i)),
					RECEIVED.plusSeconds(1000));
			store.openOrFind(CaseEvolver.fold(opened), opened).block();
			// a repeat adds no second pointer
			store.openOrFind(CaseEvolver.fold(opened), opened).block();
			if (i == 17) {
				emergency = id;
			}
			else {
				ids.add(id);
			}
		}
		// decided cases leave the pending lanes for DECIDED
		List<UUID> decided = List.of(ids.get(0), ids.get(5), ids.get(6));
		for (UUID id : decided) {
			StoredCase stored = store.find(id).block();
			List<CaseEvent> changes = decider.decide(stored.state(),
					new CaseCommand.Decide("REJECT", "over-broad", "counsel-a"), RECEIVED.plusSeconds(2000));
			ReviewCase after = stored.state();
			for (CaseEvent change : changes) {
				after = CaseEvolver.evolve(after, change);
			}
			assertThat(store.save(stored.version(), after, changes, List.of(), RECEIVED.plusSeconds(2000)).block())
				.isTrue();
			// a save that lost its race leaves no pointer behind
			assertThat(store.save(stored.version(), after, changes, List.of(), RECEIVED.plusSeconds(2000)).block())
				.isFalse();
		}
		List<UUID> pending = new ArrayList<>(ids);
		pending.removeAll(decided);
		List<UUID> expected = new ArrayList<>();
		expected.add(emergency);
		expected.addAll(pending);
		assertThat(
				store.queue(CaseStatus.PENDING, false, RECEIVED, 1000).map(ReviewCase::requestId).collectList().block())
			.containsExactlyElementsOf(expected);
		assertThat(store.queue(CaseStatus.PENDING, false, RECEIVED, 5).map(ReviewCase::requestId).collectList().block())
			.containsExactlyElementsOf(expected.subList(0, 5));
		assertThat(store.queue(List.of(CaseStatus.DECIDED), false, RECEIVED, 100)
			.map(ReviewCase::requestId)
			.collectList()
			.block()).containsExactlyElementsOf(decided);
		assertThat(this.queue.keys("DECIDED").collectList().block()).hasSize(3);
		assertThat(this.queue.keys("UNDER_REVIEW").collectList().block()).hasSize(expected.size());
	}

	@Test
	void aRequestRedeliveredAfterItsCaseMovedOnLeavesNoPointerBehind() {
		CaseStore store = new CaseStore(this.database, 4);
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		UUID id = UUID.randomUUID();
		List<CaseEvent> opened = decider.decide(null, new CaseCommand.Open(id, request("SUBPOENA", 1)),
				RECEIVED.plusSeconds(1000));
		store.openOrFind(CaseEvolver.fold(opened), opened).block();
		StoredCase stored = store.find(id).block();
		List<CaseEvent> changes = decider.decide(stored.state(),
				new CaseCommand.Decide("REJECT", "over-broad", "counsel-a"), RECEIVED.plusSeconds(2000));
		ReviewCase after = stored.state();
		for (CaseEvent change : changes) {
			after = CaseEvolver.evolve(after, change);
		}
		store.save(stored, after, changes, List.of(), RECEIVED.plusSeconds(2000)).block();
		assertThat(this.queue.keys("UNDER_REVIEW").collectList().block()).isEmpty();

		ReviewCase again = store.openOrFind(CaseEvolver.fold(opened), opened).block();
		assertThat(again.status()).isEqualTo(CaseStatus.DECIDED);
		assertThat(this.queue.keys("UNDER_REVIEW").collectList().block()).isEmpty();
		assertThat(this.queue.keys("DECIDED").map(CaseQueue::caseOf).collectList().block()).containsExactly(id);
	}

	@Test
	void aStalePointerThatSortsFirstHidesNoCase() {
		CaseStore store = new CaseStore(this.database, 4);
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		UUID id = UUID.randomUUID();
		List<CaseEvent> opened = decider.decide(null, new CaseCommand.Open(id, request("SUBPOENA", 1)),
				RECEIVED.plusSeconds(1000));
		ReviewCase c = store.openOrFind(CaseEvolver.fold(opened), opened).block();
		// left by a change to another pending state that was never saved; "0" sorts
		// before the case's own "o"
		this.queue.add("AWAITING_APPROVAL", CaseQueue.key(c, "0")).block();
		this.queue.add("UNDER_REVIEW", CaseQueue.key(c, "1")).block();
		assertThat(
				store.queue(CaseStatus.PENDING, false, RECEIVED, 10).map(ReviewCase::requestId).collectList().block())
			.containsExactly(id);
	}

	@Test
	void casesStoredBeforeTheIndexGetTheirPointersAtStart() {
		UUID id = UUID.randomUUID();
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		List<CaseEvent> opened = decider.decide(null, new CaseCommand.Open(id, request("SUBPOENA", 1)),
				RECEIVED.plusSeconds(1000));
		new CaseStore(this.database, 4).openOrFind(CaseEvolver.fold(opened), opened).block();
		// as an earlier version stored it: no pointer, no key
		Mono.from(this.database.getCollection("cases")
			.updateOne(Filters.eq("_id", id.toString()), Updates.unset("queueKey"))).block();
		Mono.from(this.database.getCollection("queue_lane_UNDER_REVIEW").drop()).block();
		Mono.from(this.database.getCollection("queue_meta").drop()).block();
		CaseStore restarted = new CaseStore(this.database, 4);
		assertThat(restarted.queue(CaseStatus.PENDING, false, RECEIVED, 10)
			.map(ReviewCase::requestId)
			.collectList()
			.block()).containsExactly(id);
	}

	private List<String> read(String lane) {
		return this.queue.keys(lane).collectList().block();
	}

	/** The pages a lane's directory names, in key order. */
	private List<String> pageIds(String lane) {
		Document dir = Mono.from(this.database.getCollection("queue_lane_" + lane).find().first()).block();
		return (dir == null) ? List.of()
				: dir.getList("pages", Document.class).stream().map((e) -> e.getString("page")).toList();
	}

	private Document page(String id) {
		return Mono.from(this.database.getCollection("queue_pages").find(Filters.eq("_id", id)).first()).block();
	}

	private int pagesOf(String lane) {
		Document dir = Mono.from(this.database.getCollection("queue_lane_" + lane).find().first()).block();
		return dir.getList("pages", Document.class).size();
	}

	/** Pointer keys of distinct cases: both priorities, times in and out of order. */
	private List<String> keys(int n) {
		CaseDecider decider = new CaseDecider((process) -> Duration.ofDays(30), Duration.ofDays(90),
				Duration.ofDays(14));
		List<String> keys = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			String process = (i % 17 == 0) ? "EMERGENCY" : "SUBPOENA";
			ReviewCase c = CaseEvolver.fold(decider.decide(null,
					new CaseCommand.Open(UUID.randomUUID(), request(process, this.random.nextInt(50))), RECEIVED));
			keys.add(CaseQueue.key(c, "o"));
		}
		return keys;
	}

	private static ReviewCase.Request request(String process, int minutesAfter) {
		Instant received = RECEIVED.plus(Duration.ofMinutes(minutesAfter));
		return new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", "CONSUMER", null, process,
				List.of(new ReviewCase.Identifier("EMAIL", "a@example.com", "a@example.com")), List.of(), null, null,
				true, null, received, received);
	}

}
