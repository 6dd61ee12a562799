package ler.reporting.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The statistics projection, exact under redelivery, replay, duplicate publishing,
 * consumer rebalances, dead-letter re-drives and a store that fails between any two
 * writes, using single-document atomic writes only (ADR 4). The only class that knows the
 * store's documents: it hands out {@link PeriodCounters} records.
 *
 * <p>
 * An event is known by its identity (request, stream, sequence), never by its position in
 * the log, so a copy of it anywhere in the log (a re-drive, a duplicate publish) is the
 * same event. Applying one takes these writes, each finishing what an earlier attempt
 * left half-done:
 * <ol>
 * <li>a <em>claim</em> in {@code request_claims}, inserted once per event, naming the
 * counter document the event goes to and marked {@code pending};</li>
 * <li>the increments on that counter document, compare-and-set on its {@code version},
 * together with a <em>marker</em> naming the event in the same document: the marker makes
 * this write idempotent by the event's identity;</li>
 * <li>the claim loses its {@code pending} mark: from now on every copy is a repeat;</li>
 * <li>the marker is removed, with the next change this instance makes to that document (a
 * marker left by a crash is harmless).</li>
 * </ol>
 * A copy that finds the claim pending reads the counter document, then the claim again: a
 * marker says the increments are in; no marker and a claim still pending say they are not
 * (the marker is removed only after the claim lost its mark), so it applies them itself,
 * guarded by the version it read.
 */
@Component
public class ProjectionStore {

	static final String CLAIMS = "request_claims";

	static final String COUNTERS = "stat_counters";

	private static final int ATTEMPTS = 20;

	private final MongoCollection<Document> claims;

	private final MongoCollection<Document> counters;

	/**
	 * counter document -> events whose claims are complete and whose markers may go, with
	 * this instance's next change to that document
	 */
	private final Map<String, Set<String>> markersToRemove = new ConcurrentHashMap<>();

	/**
	 * Opens the projection in {@code database}, creating its index and upgrading counter
	 * documents of the offset-guarded version; waits at most 30 s for the store.
	 */
	public ProjectionStore(MongoDatabase database) {
		this.claims = database.getCollection(CLAIMS);
		this.counters = database.getCollection(COUNTERS);
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
	 * Applies {@code contribution} for the event (request, stream, sequence) read at
	 * {@code position}, unless it was applied before, wherever in the log. Retrying after
	 * an error is always safe and finishes what the failed attempt began.
	 * @return true if this call completed the event (its figures are in), false for a
	 * repeat of an event completed before
	 */
	public Mono<Boolean> apply(UUID requestId, String stream, long sequence, LogPosition position,
			Contribution contribution) {
		String event = requestId + "|" + stream + "|" + sequence;
		String target = position.topic() + "|" + position.partition() + "|" + contribution.period();
		return counterDocument(target).map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.flatMap((seen) -> Mono
				.from(this.claims.insertOne(new Document("_id", event).append("counters", target)
					.append("period", contribution.period())
					.append("pending", true)))
				.thenReturn(true)
				.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> Mono.just(false))
				.flatMap((claimed) -> {
					if (!claimed) {
						return resume(event, contribution);
					}
					// the document was read before the claim existed, so no copy of this
					// event
					// can have changed it unless its version moved
					return write(event, target, seen.orElse(null), contribution)
						.flatMap((written) -> written ? complete(event, target) : finish(event, target, contribution));
				}));
	}

	/** The claim existed: a repeat, or a copy of an event some attempt left half-done. */
	private Mono<Boolean> resume(String event, Contribution contribution) {
		return Mono.from(this.claims.find(Filters.eq("_id", event)).first())
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("a claim vanished; was the projection dropped?")))
			.flatMap((claim) -> claim.containsKey("pending") ? finish(event, claim.getString("counters"), contribution)
					: Mono.just(false));
	}

	/**
	 * Finishes an event whose claim is pending: the counter document first, then the
	 * claim, in this order (see the class comment).
	 */
	private Mono<Boolean> finish(String event, String target, Contribution contribution) {
		return Mono.defer(() -> finish(event, target, contribution, ATTEMPTS));
	}

	private Mono<Boolean> finish(String event, String target, Contribution contribution, int attemptsLeft) {
		if (attemptsLeft == 0) {
			return Mono.error(new IllegalStateException("projection write kept conflicting; the binder will retry"));
		}
		return counterDocument(target).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap((seen) -> {
			if (seen.isPresent() && markers(seen.get()).containsKey(event)) {
				return complete(event, target);
			}
			return Mono.from(this.claims.find(Filters.eq("_id", event)).first()).flatMap((claim) -> {
				if (!claim.containsKey("pending")) {
					return Mono.just(false);
				}
				return write(event, target, seen.orElse(null), contribution).flatMap((written) -> written
						? complete(event, target) : finish(event, target, contribution, attemptsLeft - 1));
			});
		});
	}

	/**
	 * The increments and the event's marker, in one write to the counter document, if it
	 * is still as {@code seen} (absent: null).
	 * @return whether the write happened
	 */
	private Mono<Boolean> write(String event, String target, Document seen, Contribution contribution) {
		if (seen == null) {
			Document fresh = new Document("_id", target).append("period", contribution.period())
				.append("version", 1L)
				.append("c", nested(contribution.increments()))
				.append("m", new Document(event, true));
			return Mono.from(this.counters.insertOne(fresh))
				.thenReturn(true)
				.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> Mono.just(false));
		}
		long version = version(seen);
		Set<String> removable = Set.copyOf(this.markersToRemove.getOrDefault(target, Set.of()));
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.set("version", version + 1));
		updates.add(Updates.set("m." + event, true));
		for (Map.Entry<String, Long> increment : contribution.increments().entrySet()) {
			updates.add(Updates.inc("c." + increment.getKey(), increment.getValue()));
		}
		Document present = markers(seen);
		for (String done : removable) {
			if (present.containsKey(done) && !done.equals(event)) {
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

	/** The claim loses its pending mark; the event's marker may then go. */
	private Mono<Boolean> complete(String event, String target) {
		return Mono.from(this.claims.updateOne(Filters.eq("_id", event), Updates.unset("pending")))
			.doOnNext((ignored) -> this.markersToRemove.computeIfAbsent(target, (k) -> ConcurrentHashMap.newKeySet())
				.add(event))
			.thenReturn(true);
	}

	private Mono<Document> counterDocument(String target) {
		return Mono.from(this.counters.find(Filters.eq("_id", target))
			.projection(new Document("version", 1).append("m", 1))
			.first());
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
		return Mono.from(this.claims.drop())
			.then(Mono.from(this.counters.drop()))
			.then(Mono.fromRunnable(this.markersToRemove::clear))
			.then(createIndexes());
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

}
