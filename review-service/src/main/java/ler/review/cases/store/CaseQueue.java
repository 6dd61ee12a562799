package ler.review.cases.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.TimeOrderedIds;
import ler.review.cases.model.ReviewCase;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counsel's queue as an ordered index of pointers, one lane per case state, read in order
 * a page at a time, so that a read of the first {@code n} cases costs in proportion to
 * {@code n}, not to the number of cases (ADR 12). Every lookup and write goes by
 * {@code _id}: the local store sorts in memory and scans for anything else (ADR 5).
 * <p>
 * A pointer is a key string that sorts as the queue does: priority, time received (epoch
 * milliseconds, fixed width), case id, then a token that keeps one writer's pointer apart
 * from another's. A lane is a directory ({@code queue_lane_<state>}, one document: a
 * version and the pages in key order, each with the lowest key it holds) and pages
 * ({@code queue_pages}, at most {@code pageSize} keys each, a set changed atomically by
 * {@code _id}). A page that grows too big is split, an empty one (other than the lane's
 * first) dropped: the page is frozen, its keys copied into a plan ({@code queue_plans},
 * the first plan inserted wins), the plan's pages inserted, the directory swapped by
 * compare-and-set on its version, then the old page left as an emptied tombstone (never
 * deleted, so no late insert brings it back) and the plan deleted. Whoever meets a frozen
 * page (a writer, a reader) finishes that work and tries again, so a crash anywhere
 * leaves nothing stuck; a write that landed on a page after it froze is made again on its
 * successor. Directories are cached per instance: a stale one only ever leads to a
 * replaced page, which is found missing or frozen, and then the directory is read again.
 */
final class CaseQueue {

	/**
	 * Pages split above this many keys. The local store rewrites a whole page per change
	 * and a whole directory per split: at a million pointers in a lane, 128 keys a page
	 * (about 9 KB) writes the fewest bytes per change of the two together.
	 */
	static final int PAGE_SIZE = 128;

	private static final Logger log = LoggerFactory.getLogger(CaseQueue.class);

	/** Makes times from year 1 on non-negative, so they sort as fixed-width digits. */
	private static final long EPOCH_OFFSET_MILLIS = 62_135_596_800_000L;

	private static final int ATTEMPTS = 20;

	/**
	 * Marks a page replaced (it is frozen too): a tombstone, out of every directory, kept
	 * so that its id is never inserted again.
	 */
	private static final String REPLACED = "replaced";

	/** Pages fetched at once by a read, which stops when no more keys are wanted. */
	private static final int READ_BATCH = 2;

	private final MongoDatabase database;

	private final MongoCollection<Document> pages;

	private final MongoCollection<Document> plans;

	private final int pageSize;

	private final ConcurrentMap<String, Directory> directories = new ConcurrentHashMap<>();

	CaseQueue(MongoDatabase database, int pageSize) {
		if (pageSize < 2) {
			throw new IllegalArgumentException("a page holds at least 2 keys, not " + pageSize);
		}
		this.database = database;
		this.pages = database.getCollection("queue_pages");
		this.plans = database.getCollection("queue_plans");
		this.pageSize = pageSize;
	}

	/**
	 * The pointer key of a case in the queue's order.
	 * @param token what tells this pointer from another of the same case (no {@code |})
	 */
	static String key(ReviewCase c, String token) {
		// fixed width by hand: String.format was a hot spot of opening cases in bulk
		String millis = Long.toString(c.request().receivedAt().toEpochMilli() + EPOCH_OFFSET_MILLIS);
		return c.priority() + "|" + "0".repeat(Math.max(0, 16 - millis.length())) + millis + "|" + c.requestId() + "|"
				+ token;
	}

	/** The case a pointer key points to. */
	static UUID caseOf(String key) {
		String[] parts = key.split("\\|", 4);
		return UUID.fromString(parts[2]);
	}

	/** Adds a pointer to a lane (a repeat changes nothing). */
	Mono<Void> add(String lane, String key) {
		return addAll(lane, List.of(key));
	}

	/**
	 * Adds pointers to a lane (repeats change nothing): one write per page they go to,
	 * not one per pointer. Keys mostly arrive in order, so a batch mostly goes to the
	 * lane's last page, which is then split into full pages.
	 */
	Mono<Void> addAll(String lane, Collection<String> keys) {
		return addAll(lane, new TreeSet<>(keys), ATTEMPTS, false);
	}

	private Mono<Void> addAll(String lane, SortedSet<String> keys, int attemptsLeft, boolean fresh) {
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		if (attemptsLeft <= 0) {
			return Mono.error(new IllegalStateException("the queue kept changing under a write"));
		}
		return directory(lane, fresh).flatMap((dir) -> {
			Map<String, List<String>> byPage = new LinkedHashMap<>();
			for (String key : keys) {
				byPage.computeIfAbsent(dir.entries().get(dir.route(key)).page(), (page) -> new ArrayList<>()).add(key);
			}
			return Flux.fromIterable(byPage.entrySet())
				.concatMap((target) -> addToPage(lane, target.getKey(), target.getValue()))
				.collect(TreeSet<String>::new, TreeSet::addAll)
				.flatMap((again) -> addAll(lane, again, attemptsLeft - 1, true));
		});
	}

	/** The keys to add again: all of them when the page was replaced or frozen. */
	private Mono<List<String>> addToPage(String lane, String target, List<String> keys) {
		return Mono
			.from(this.pages.findOneAndUpdate(Filters.eq("_id", target), Updates.addEachToSet("keys", keys),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((after) -> {
				if (after.isEmpty()) {
					return Mono.just(keys);
				}
				Document page = after.get();
				if (page.getBoolean("frozen", false)) {
					return reorganize(lane, target).thenReturn(keys);
				}
				if (pageKeys(page).size() > this.pageSize) {
					return reorganize(lane, target, keys.get(keys.size() - 1)).onErrorResume((ex) -> {
						log.warn("Could not reorganise a queue page yet: {}", ex.getMessage());
						return Mono.empty();
					}).thenReturn(List.<String>of());
				}
				return Mono.just(List.<String>of());
			});
	}

	/** Removes a pointer from a lane (a missing one changes nothing). */
	Mono<Void> remove(String lane, String key) {
		return remove(lane, key, ATTEMPTS, false);
	}

	/**
	 * A lane's pointer keys in order, fetched a few pages at a time as they are
	 * requested: take what is needed and cancel.
	 */
	Flux<String> keys(String lane) {
		return keys(lane, "", ATTEMPTS);
	}

	private Flux<String> keys(String lane, String from, int attemptsLeft) {
		return directory(lane, attemptsLeft < ATTEMPTS)
			.flatMapMany((dir) -> pagesFrom(lane, dir, dir.route(from), from, attemptsLeft));
	}

	/**
	 * The keys from {@code from} on, starting at the page at {@code index}; a page found
	 * replaced, frozen or empty (but the first) is tidied and the rest read from the
	 * directory as it is then.
	 */
	private Flux<String> pagesFrom(String lane, Directory dir, int index, String from, int attemptsLeft) {
		if (index >= dir.entries().size()) {
			return Flux.empty();
		}
		List<String> ids = dir.entries()
			.subList(index, Math.min(index + READ_BATCH, dir.entries().size()))
			.stream()
			.map(Entry::page)
			.toList();
		return Flux.from(this.pages.find(Filters.in("_id", ids)))
			.collectMap((p) -> p.getString("_id"))
			.flatMapMany((found) -> {
				List<String> keys = new ArrayList<>();
				for (int i = 0; i < ids.size(); i++) {
					Document page = found.get(ids.get(i));
					Entry entry = dir.entries().get(index + i);
					if (page == null || page.getBoolean("frozen", false)
							|| (pageKeys(page).isEmpty() && !entry.lo().isEmpty())) {
						// what comes before this page is read; the rest after tidying
						if (attemptsLeft <= 1) {
							return Flux.error(new IllegalStateException("the queue kept changing under a read"));
						}
						String next = (entry.lo().compareTo(from) > 0) ? entry.lo() : from;
						Mono<Void> tidy = (page == null) ? Mono.empty() : reorganize(lane, entry.page());
						return Flux.concat(Flux.fromIterable(keys), tidy.thenMany(keys(lane, next, attemptsLeft - 1)));
					}
					for (String key : new TreeSet<>(pageKeys(page))) {
						if (key.compareTo(from) >= 0) {
							keys.add(key);
						}
					}
				}
				return Flux.concat(Flux.fromIterable(keys),
						Flux.defer(() -> pagesFrom(lane, dir, index + ids.size(), from, attemptsLeft)));
			});
	}

	private Mono<Void> remove(String lane, String key, int attemptsLeft, boolean fresh) {
		if (attemptsLeft <= 0) {
			return Mono.error(new IllegalStateException("the queue kept changing under a write"));
		}
		return directory(lane, fresh).flatMap((dir) -> {
			String target = dir.entries().get(dir.route(key)).page();
			return Mono
				.from(this.pages.findOneAndUpdate(Filters.eq("_id", target), Updates.pull("keys", key),
						new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((after) -> {
					if (after.isEmpty()) {
						// replaced since the directory was read
						return remove(lane, key, attemptsLeft - 1, true);
					}
					Document page = after.get();
					if (page.getBoolean("frozen", false)) {
						// the change may have missed the copy: finish the move, do it
						// again
						return reorganize(lane, target).then(remove(lane, key, attemptsLeft - 1, true));
					}
					int size = pageKeys(page).size();
					boolean tooBig = size > this.pageSize;
					boolean emptied = size == 0 && !page.getString("lo").isEmpty();
					if (tooBig || emptied) {
						// done already; a tidy that fails is finished by whoever comes
						// next
						return reorganize(lane, target).onErrorResume((ex) -> {
							log.warn("Could not reorganise a queue page yet: {}", ex.getMessage());
							return Mono.empty();
						});
					}
					return Mono.empty();
				});
		});
	}

	/**
	 * Replaces a page by the pages its keys make now: even parts of a page grown too big
	 * (halves of one a key too big), nothing for an empty page that is not the lane's
	 * first, else a copy.
	 */
	Mono<Void> reorganize(String lane, String pageId) {
		return reorganize(lane, pageId, null);
	}

	/**
	 * As {@link #reorganize(String, String)}; a full page whose largest key is
	 * {@code added} (the writer's own, just added, the largest of a batch) is split into
	 * full pages and one holding the keys left over (that key, and any added at the same
	 * time). Keys mostly arrive in order (the queue sorts by time received, and a lane
	 * such as {@code DECIDED} only grows), so halves would leave a trail of half-full
	 * pages that are never written again: twice the pages, and twice the directory
	 * rewrites, of full ones (B-trees split a rightmost page the same way).
	 */
	private Mono<Void> reorganize(String lane, String pageId, String added) {
		return Mono
			.from(this.pages.findOneAndUpdate(Filters.eq("_id", pageId), Updates.set("frozen", true),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
			// a tombstone: replaced already, out of every directory since
			.filter((frozen) -> !frozen.getBoolean(REPLACED, false))
			.flatMap((frozen) -> plan(pageId, frozen, added))
			.flatMap((plan) -> replace(lane, pageId, plan));
	}

	private Mono<Document> plan(String pageId, Document frozen, String added) {
		List<String> keys = new ArrayList<>(new TreeSet<>(pageKeys(frozen)));
		String lo = frozen.getString("lo");
		List<Document> replacement = new ArrayList<>();
		if (keys.size() > this.pageSize && keys.get(keys.size() - 1).equals(added)) {
			// full pages, the last holding what is left
			for (int start = 0; start < keys.size(); start += this.pageSize) {
				replacement.add(page((start == 0) ? lo : keys.get(start),
						keys.subList(start, Math.min(start + this.pageSize, keys.size()))));
			}
		}
		else if (!keys.isEmpty() || lo.isEmpty()) {
			// halves of a page one key too big, not two halves and a page of one
			int parts = Math.max(1, (keys.size() + this.pageSize - 1) / this.pageSize);
			int chunk = Math.max(1, (keys.size() + parts - 1) / parts);
			int start = 0;
			do {
				List<String> part = keys.subList(start, Math.min(start + chunk, keys.size()));
				replacement.add(page((start == 0) ? lo : part.get(0), part));
				start += chunk;
			}
			while (start < keys.size());
		}
		Document plan = new Document("_id", pageId).append("pages", replacement);
		// the first plan is the one every helper carries out
		return Mono.from(this.plans.insertOne(plan))
			.thenReturn(plan)
			.onErrorResume(CaseQueue::isDuplicateKey,
					(ex) -> Mono.from(this.plans.find(Filters.eq("_id", pageId)).first()));
	}

	/**
	 * A new page of a plan: its id, the lowest key it may hold, and its keys (copied).
	 */
	private static Document page(String lo, List<String> keys) {
		return new Document("_id", TimeOrderedIds.next().toString()).append("lo", lo)
			.append("keys", new ArrayList<>(keys));
	}

	/**
	 * Carries out a page's plan: inserts the plan's pages (one there already, live or a
	 * tombstone, is left as it is), swaps them into the directory in the page's place
	 * (unless done already), leaves the page as a frozen tombstone emptied of its keys,
	 * then deletes the plan. The page stays, never deleted: a helper that stalled on an
	 * earlier plan naming it, and wakes after it was replaced again, finds its insert
	 * refused instead of bringing it back outside the directory, where a writer with a
	 * stale cached directory would add keys no read finds.
	 * @param plan the plan document: {@code _id} the page, {@code pages} its replacement
	 */
	Mono<Void> replace(String lane, String pageId, Document plan) {
		List<Document> replacement = plan.getList("pages", Document.class);
		return Flux.fromIterable(replacement)
			.concatMap((page) -> Mono.from(this.pages.insertOne(new Document(page)))
				.then()
				.onErrorResume(CaseQueue::isDuplicateKey, (ex) -> Mono.empty()))
			.then(swap(lane, pageId,
					replacement.stream().map((p) -> new Entry(p.getString("lo"), p.getString("_id"))).toList(),
					ATTEMPTS))
			.then(Mono.from(this.pages.updateOne(Filters.eq("_id", pageId),
					Updates.combine(Updates.set(REPLACED, true), Updates.set("keys", List.of())))))
			.then(Mono.from(this.plans.deleteOne(Filters.eq("_id", pageId))))
			.then();
	}

	/** Puts the replacement where the page was in the directory, unless done already. */
	private Mono<Void> swap(String lane, String pageId, List<Entry> replacement, int attemptsLeft) {
		return directory(lane, true).flatMap((dir) -> {
			int at = -1;
			for (int i = 0; i < dir.entries().size(); i++) {
				if (dir.entries().get(i).page().equals(pageId)) {
					at = i;
				}
			}
			if (at < 0) {
				return Mono.empty();
			}
			List<Entry> next = new ArrayList<>(dir.entries());
			next.remove(at);
			next.addAll(at, replacement);
			Directory swapped = new Directory(dir.version() + 1, List.copyOf(next));
			// the directory collection holds this one document: the versioned filter
			// costs no scan
			return Mono
				.from(lane(lane).updateOne(Filters.and(Filters.eq("_id", lane), Filters.eq("version", dir.version())),
						Updates.combine(Updates.set("version", swapped.version()),
								Updates.set("pages", entries(swapped.entries())))))
				.flatMap((result) -> {
					if (result.getModifiedCount() == 1) {
						cache(lane, swapped);
						return Mono.empty();
					}
					return (attemptsLeft > 1) ? swap(lane, pageId, replacement, attemptsLeft - 1)
							: Mono.error(new IllegalStateException("the queue's directory kept changing"));
				});
		});
	}

	private Mono<Directory> directory(String lane, boolean fresh) {
		Directory cached = this.directories.get(lane);
		if (!fresh && cached != null) {
			return Mono.just(cached);
		}
		return Mono.from(lane(lane).find(Filters.eq("_id", lane)).first())
			.switchIfEmpty(Mono.defer(() -> create(lane)))
			.map((doc) -> cache(lane, directory(doc)));
	}

	/** A lane's first directory, naming one empty page that exists before it is named. */
	private Mono<Document> create(String lane) {
		String page = TimeOrderedIds.next().toString();
		Document dir = new Document("_id", lane).append("version", 0L)
			.append("pages", entries(List.of(new Entry("", page))));
		return Mono.from(this.pages.insertOne(new Document("_id", page).append("lo", "").append("keys", List.of())))
			.then(Mono.from(lane(lane).insertOne(dir)))
			.thenReturn(dir)
			// another instance created it first (its page stays unused)
			.onErrorResume(CaseQueue::isDuplicateKey,
					(ex) -> Mono.from(lane(lane).find(Filters.eq("_id", lane)).first()));
	}

	private Directory cache(String lane, Directory read) {
		return this.directories.merge(lane, read, (old, now) -> (now.version() >= old.version()) ? now : old);
	}

	private MongoCollection<Document> lane(String lane) {
		return this.database.getCollection("queue_lane_" + lane);
	}

	private static Directory directory(Document doc) {
		return new Directory(doc.get("version", Number.class).longValue(),
				doc.getList("pages", Document.class)
					.stream()
					.map((e) -> new Entry(e.getString("lo"), e.getString("page")))
					.toList());
	}

	private static List<Document> entries(List<Entry> entries) {
		return entries.stream().map((e) -> new Document("lo", e.lo()).append("page", e.page())).toList();
	}

	private static List<String> pageKeys(Document page) {
		return page.getList("keys", String.class, Collections.emptyList());
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/** A page of a lane and the lowest key it may hold. */
	record Entry(String lo, String page) {
	}

	/** A lane's pages in key order; the first one's lowest key is empty. */
	record Directory(long version, List<Entry> entries) {

		/**
		 * The index of the page a key belongs on: the last whose lowest key is not above
		 * it.
		 */
		int route(String key) {
			int lo = 0;
			int hi = this.entries.size() - 1;
			while (lo < hi) {
				int mid = (lo + hi + 1) >>> 1;
				if (this.entries.get(mid).lo().compareTo(key) <= 0) {
					lo = mid;
				}
				else {
					hi = mid - 1;
				}
			}
			return lo;
		}

	}

}
