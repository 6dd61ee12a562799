package ler.reporting.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.TimeOrderedIds;
import ler.platform.mongo.InsertMany;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The statistics projection, exact under redelivery, replay, duplicate publishing,
 * consumer rebalances, dead-letter re-drives and a store that fails between any two
 * writes, using single-document atomic writes only (ADR 4, ADR 11). The only class that
 * knows the store's documents: it hands out {@link PeriodCounters} records.
 *
 * <p>
 * An event is known by its identity (request, stream, sequence), never by its position in
 * the log, so a copy of it anywhere in the log (a re-drive, a duplicate publish) is the
 * same event. Events are applied in batches (one poll of one consumer), in three writes
 * per batch and counter document, whatever the batch's size; each write finishes what an
 * earlier attempt left half-done:
 * <ol>
 * <li>one <em>claim</em> per event in {@code request_claims}, all inserted at once and
 * each inserted only once per event, naming the counter document the event goes to and
 * the batch's <em>marker</em> for that document;</li>
 * <li>the summed increments of the batch's newly claimed events on that counter document,
 * compare-and-set on its {@code version} as read <em>before</em> the claims existed,
 * together with the marker in the same document: the marker says the increments are
 * in;</li>
 * <li>the marker is recorded as applied in {@code applied_markers}: from now on every
 * copy of those events is a repeat;</li>
 * <li>the marker is removed from the counter document with the next change this instance
 * makes to it (a marker left by a crash is harmless).</li>
 * </ol>
 * Because the counter document was read before the claims existed, no copy of these
 * events can have changed it unless its version moved, and then the batch's write fails
 * and each of its events is finished alone. A copy that finds its claim reads the counter
 * document, then the applied markers: the claim's marker (or the event's own, written by
 * a copy that finished it alone) in the document, or among the applied ones, says the
 * increments are in; neither says they are not (a marker is removed only after it was
 * recorded as applied), so the copy applies them itself under its own marker, guarded by
 * the version it read.
 *
 * <p>
 * Claims written by earlier versions stay valid: one marked {@code pending} was not
 * finished and its marker is the event itself; one without that mark or a marker was
 * complete.
 */
@Component
public class ProjectionStore {

	static final String CLAIMS = "request_claims";

	static final String COUNTERS = "stat_counters";

	static final String APPLIED = "applied_markers";

	private static final int ATTEMPTS = 20;

	private final MongoCollection<Document> claims;

	private final MongoCollection<Document> counters;

	private final MongoCollection<Document> applied;

	/**
	 * counter document -> markers recorded as applied, removed from that document with
	 * this instance's next change to it
	 */
	private final Map<String, Set<String>> markersToRemove = new ConcurrentHashMap<>();

	/**
	 * Opens the projection in {@code database}, creating its index and upgrading counter
	 * documents of the offset-guarded version; waits at most 30 s for the store.
	 */
	public ProjectionStore(MongoDatabase database) {
		this.claims = database.getCollection(CLAIMS);
		this.counters = database.getCollection(COUNTERS);
		this.applied = database.getCollection(APPLIED);
		createIndexes().then(upgradeCounters()).block(Duration.ofSeconds(30));
	}

	/** The compare-and-set filter's index; a rebuild drops it with the collections. */
	private Mono<Void> createIndexes() {
		return Mono
			.from(this.counters.createIndex(Indexes.ascending("_id", "version"),
					new IndexOptions().unique(true).name("cas-version")))
			.then();
	}

	/**
	 * Counter documents written before versions existed start at version 0; their claims
	 * carry no pending mark, so they read as complete (as they were treated).
	 */
	private Mono<Void> upgradeCounters() {
		return Flux.from(this.counters.find(Filters.exists("version", false)).projection(new Document("_id", 1)))
			.concatMap((doc) -> Mono.from(this.counters.updateOne(Filters.eq("_id", doc.get("_id")),
					Updates.combine(Updates.set("version", 0L), Updates.unset("lastOffset")))))
			.then();
	}

	/** The position of one record in the log. */
	public record LogPosition(String topic, int partition, long offset) {
	}

	/**
	 * One event to apply: its identity (request, stream, sequence), where it was read and
	 * what it adds.
	 */
	public record Item(UUID requestId, String stream, long sequence, LogPosition position, Contribution contribution) {

		String event() {
			return this.requestId + "|" + this.stream + "|" + this.sequence;
		}

		/** The counter document: one per topic, partition and half-year. */
		String target() {
			return this.position.topic() + "|" + this.position.partition() + "|" + this.contribution.period();
		}

	}

	/**
	 * Applies {@code contribution} for the event (request, stream, sequence) read at
	 * {@code position}, unless it was applied before, wherever in the log: a batch of one
	 * ({@link #applyAll}).
	 * @return true if this call completed the event (its figures are in), false for a
	 * repeat of an event completed before
	 */
	public Mono<Boolean> apply(UUID requestId, String stream, long sequence, LogPosition position,
			Contribution contribution) {
		return applyAll(List.of(new Item(requestId, stream, sequence, position, contribution)))
			.map((results) -> results.get(0));
	}

	/**
	 * Applies a batch of events, each unless it was applied before, wherever in the log
	 * (a copy later in the same batch is a repeat). Retrying the whole batch after an
	 * error is always safe and finishes what the failed attempt began; so is applying any
	 * of its events alone.
	 * @param items the events, in log order
	 * @return per item, in order: true if this call completed the event (its figures are
	 * in), false for a repeat of an event completed before
	 */
	public Mono<List<Boolean>> applyAll(List<Item> items) {
		return Mono.defer(() -> {
			Boolean[] results = new Boolean[items.size()];
			Map<String, Integer> first = new LinkedHashMap<>();
			for (int i = 0; i < items.size(); i++) {
				if (first.putIfAbsent(items.get(i).event(), i) != null) {
					results[i] = false;
				}
			}
			Map<String, List<Integer>> byTarget = new LinkedHashMap<>();
			first.values()
				.forEach((i) -> byTarget.computeIfAbsent(items.get(i).target(), (t) -> new ArrayList<>()).add(i));
			Map<String, String> markers = new HashMap<>();
			byTarget.keySet().forEach((target) -> markers.put(target, TimeOrderedIds.next().toString()));
			return counterDocuments(byTarget.keySet())
				.flatMap((seen) -> insertClaims(items, first.values(), markers).flatMap((existing) -> {
					List<Mono<Void>> writes = new ArrayList<>();
					byTarget.forEach((target, indexes) -> {
						List<Integer> claimed = indexes.stream().filter((i) -> !existing.contains(i)).toList();
						if (!claimed.isEmpty()) {
							writes.add(
									writeBatch(target, markers.get(target), seen.get(target), items, claimed, results));
						}
					});
					return Flux.concat(writes)
						.then(Mono.defer(() -> resumeAll(items, existing, results)))
						.then(Mono.fromSupplier(() -> List.of(results)));
				}));
		});
	}

	/**
	 * The claims of the given items, inserted at once.
	 * @return the indexes of the items whose claims existed
	 */
	private Mono<Set<Integer>> insertClaims(List<Item> items, java.util.Collection<Integer> indexes,
			Map<String, String> markers) {
		List<Integer> order = new ArrayList<>(indexes);
		List<Document> claims = order.stream().map((i) -> {
			Item item = items.get(i);
			return new Document("_id", item.event()).append("counters", item.target())
				.append("period", item.contribution().period())
				.append("marker", markers.get(item.target()));
		}).toList();
		return InsertMany.duplicates(this.claims, claims)
			.map((existing) -> existing.stream().map(order::get).collect(Collectors.toSet()));
	}

	/**
	 * The summed increments of a target's newly claimed events under one marker; if the
	 * document moved since it was read, each event is finished alone.
	 */
	private Mono<Void> writeBatch(String target, String marker, Document seen, List<Item> items, List<Integer> claimed,
			Boolean[] results) {
		Map<String, Long> sum = new LinkedHashMap<>();
		for (int i : claimed) {
			items.get(i).contribution().increments().forEach((path, value) -> sum.merge(path, value, Long::sum));
		}
		String period = items.get(claimed.get(0)).contribution().period();
		return write(marker, target, seen, period, sum).flatMap((written) -> {
			if (written) {
				claimed.forEach((i) -> results[i] = true);
				return recordApplied(marker, target);
			}
			return Flux.fromIterable(claimed)
				.concatMap((i) -> finish(items.get(i).event(), target, marker, items.get(i).contribution())
					.doOnNext((done) -> results[i] = done))
				.then();
		});
	}

	/**
	 * The items whose claims existed: repeats of completed events, or copies of events an
	 * attempt left half-done, which are finished alone.
	 */
	private Mono<Void> resumeAll(List<Item> items, Set<Integer> existing, Boolean[] results) {
		if (existing.isEmpty()) {
			return Mono.empty();
		}
		List<Integer> order = new ArrayList<>(existing);
		Collections.sort(order);
		return Flux.from(this.claims.find(Filters.in("_id", order.stream().map((i) -> items.get(i).event()).toList())))
			.collectMap((claim) -> claim.getString("_id"))
			.flatMap((claims) -> {
				List<String> ids = new ArrayList<>();
				for (int i : order) {
					Item item = items.get(i);
					Document claim = claims.get(item.event());
					if (claim == null) {
						return Mono.error(new IllegalStateException("a claim vanished; was the projection dropped?"));
					}
					ids.add(item.event());
					if (claim.getString("marker") != null) {
						ids.add(claim.getString("marker"));
					}
				}
				return Flux.from(this.applied.find(Filters.in("_id", ids)).projection(new Document("_id", 1)))
					.map((doc) -> doc.getString("_id"))
					.collect(Collectors.toSet())
					.flatMap((done) -> Flux.fromIterable(order).concatMap((i) -> {
						Item item = items.get(i);
						Document claim = claims.get(item.event());
						String marker = claim.getString("marker");
						boolean complete = (!claim.containsKey("pending") && marker == null)
								|| done.contains(item.event()) || (marker != null && done.contains(marker));
						if (complete) {
							// a repeat (claims without a pending mark or a marker were
							// written complete by a version before markers)
							results[i] = false;
							return Mono.empty();
						}
						return finish(item.event(), claim.getString("counters"), marker, item.contribution())
							.doOnNext((finished) -> results[i] = finished);
					}).then());
			});
	}

	/**
	 * Finishes one event whose claim exists: the counter document first, then the applied
	 * markers, in this order (see the class comment).
	 * @param batchMarker the marker the claim names, or null for a claim of an earlier
	 * version (its marker is the event itself)
	 * @return true if this call put the increments in or recorded them as applied, false
	 * if they were recorded before
	 */
	private Mono<Boolean> finish(String event, String target, String batchMarker, Contribution contribution) {
		List<String> ids = (batchMarker == null) ? List.of(event) : List.of(batchMarker, event);
		return Mono.defer(() -> finish(event, target, ids, contribution, ATTEMPTS));
	}

	private Mono<Boolean> finish(String event, String target, List<String> ids, Contribution contribution,
			int attemptsLeft) {
		if (attemptsLeft == 0) {
			return Mono.error(new IllegalStateException("projection write kept conflicting; the binder will retry"));
		}
		return counterDocument(target).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((seen) -> {
			Document present = seen.map(ProjectionStore::markers).orElseGet(Document::new);
			for (String id : ids) {
				if (present.containsKey(id)) {
					return recordApplied(id, target).thenReturn(true);
				}
			}
			return Mono.from(this.applied.find(Filters.in("_id", ids)).first())
				.map((done) -> false)
				.switchIfEmpty(Mono.defer(
						() -> write(event, target, seen.orElse(null), contribution.period(), contribution.increments())
							.flatMap((written) -> written ? recordApplied(event, target).thenReturn(true)
									: finish(event, target, ids, contribution, attemptsLeft - 1))));
		});
	}

	/**
	 * The increments and a marker, in one write to the counter document, if it is still
	 * as {@code seen} (absent: null).
	 * @return whether the write happened
	 */
	private Mono<Boolean> write(String marker, String target, Document seen, String period,
			Map<String, Long> increments) {
		if (seen == null) {
			Document fresh = new Document("_id", target).append("period", period)
				.append("version", 1L)
				.append("c", nested(increments))
				.append("m", new Document(marker, true));
			return Mono.from(this.counters.insertOne(fresh))
				.thenReturn(true)
				.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> Mono.just(false));
		}
		long version = version(seen);
		Set<String> removable = Set.copyOf(this.markersToRemove.getOrDefault(target, Set.of()));
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.set("version", version + 1));
		updates.add(Updates.set("m." + marker, true));
		for (Map.Entry<String, Long> increment : increments.entrySet()) {
			updates.add(Updates.inc("c." + increment.getKey(), increment.getValue()));
		}
		Document present = markers(seen);
		for (String done : removable) {
			if (present.containsKey(done) && !done.equals(marker)) {
				updates.add(Updates.unset("m." + done));
			}
		}
		return Mono.from(this.counters.updateOne(Filters.and(Filters.eq("_id", target), Filters.eq("version", version)),
				Updates.combine(updates)))
			.map((result) -> result.getModifiedCount() == 1)
			.doOnNext((written) -> {
				if (written) {
					Set<String> pending = this.markersToRemove.get(target);
					if (pending != null) {
						pending.removeAll(removable);
					}
				}
			});
	}

	/** The marker's increments are in for good; the marker may then go. */
	private Mono<Void> recordApplied(String marker, String target) {
		return Mono.from(this.applied.insertOne(new Document("_id", marker)))
			.then()
			.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> Mono.empty())
			.then(Mono
				.fromRunnable(() -> this.markersToRemove.computeIfAbsent(target, (k) -> ConcurrentHashMap.newKeySet())
					.add(marker)));
	}

	private Mono<Document> counterDocument(String target) {
		return Mono.from(this.counters.find(Filters.eq("_id", target))
			.projection(new Document("version", 1).append("m", 1))
			.first());
	}

	/** The counter documents of the given targets that exist, by id. */
	private Mono<Map<String, Document>> counterDocuments(Set<String> targets) {
		if (targets.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Flux
			.from(this.counters.find(Filters.in("_id", new ArrayList<>(targets)))
				.projection(new Document("version", 1).append("m", 1)))
			.collectMap((doc) -> doc.getString("_id"));
	}

	private static Document markers(Document counterDocument) {
		Document markers = counterDocument.get("m", Document.class);
		return (markers != null) ? markers : new Document();
	}

	/** Dotted paths as nested documents, as $inc would build them on a new document. */
	private static Document nested(Map<String, Long> increments) {
		Document root = new Document();
		increments.forEach((path, value) -> {
			String[] parts = path.split("\\.");
			Document at = root;
			for (int i = 0; i < parts.length - 1; i++) {
				Document next = at.get(parts[i], Document.class);
				if (next == null) {
					next = new Document();
					at.put(parts[i], next);
				}
				at = next;
			}
			at.put(parts[parts.length - 1], value);
		});
		return root;
	}

	/** Nested counter documents as flat paths. */
	private static void flatten(String prefix, Document nested, Map<String, Long> into) {
		nested.forEach((key, value) -> {
			String path = prefix.isEmpty() ? key : prefix + "." + key;
			if (value instanceof Document inner) {
				flatten(path, inner, into);
			}
			else if (value instanceof Number number) {
				into.put(path, number.longValue());
			}
		});
	}

	/**
	 * Every counter document of the given half-years (all when empty), with its version,
	 * for readers that need to know which state they read
	 * ({@link PeriodCounters#fingerprintOf}).
	 */
	public Flux<PeriodCounters> counters(List<String> halfYears) {
		return Flux
			.from(this.counters.find(periods(halfYears))
				.projection(new Document("c", 1).append("period", 1).append("version", 1)))
			.map((doc) -> {
				Map<String, Long> counts = new LinkedHashMap<>();
				Document c = doc.get("c", Document.class);
				if (c != null) {
					flatten("", c, counts);
				}
				return new PeriodCounters(doc.getString("period"), version(doc), counts);
			});
	}

	/**
	 * Which state of the figures the given half-years are in, cheap to read
	 * ({@link PeriodCounters#fingerprintOf}).
	 */
	public Mono<String> fingerprint(List<String> halfYears) {
		return Flux
			.from(this.counters.find(periods(halfYears)).projection(new Document("version", 1).append("period", 1)))
			.map((doc) -> new PeriodCounters(doc.getString("period"), version(doc), Map.of()))
			.collectList()
			.map(PeriodCounters::fingerprintOf);
	}

	private static Bson periods(List<String> halfYears) {
		return halfYears.isEmpty() ? new Document() : Filters.in("period", halfYears);
	}

	private static long version(Document doc) {
		Number version = doc.get("version", Number.class);
		return (version == null) ? 0 : version.longValue();
	}

	/** Drops the projection, for a rebuild from the event log. */
	public Mono<Void> drop() {
		// the applied markers first: a drop interrupted after them leaves claims that are
		// finished again, never markers that would pass a new event for a repeat
		return Mono.from(this.applied.drop())
			.then(Mono.from(this.claims.drop()))
			.then(Mono.from(this.counters.drop()))
			.then(Mono.fromRunnable(this.markersToRemove::clear))
			.then(createIndexes());
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

}
