package ler.reporting.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The statistics projection, exact under redelivery, replay, duplicate publishing and
 * consumer rebalances, using single-document atomic writes only.
 *
 * <ol>
 * <li>A <em>claim</em> per request and stream keeps the highest event sequence applied
 * and the log position (partition, offset) that claimed it. A repeat of an event anywhere
 * else in the log finds its sequence claimed and is dropped.</li>
 * <li>Counters live in one document per (topic, partition, half-year) holding the last
 * offset applied to it; an increment is applied only by a record past that offset. The
 * record that holds a claim may therefore retry after a crash between the two writes, and
 * is applied once.</li>
 * </ol>
 */
@Component
public class ProjectionStore {

	private final MongoCollection<Document> claims;

	private final MongoCollection<Document> counters;

	private static final int ATTEMPTS = 20;

	ProjectionStore(MongoDatabase database) {
		this.claims = database.getCollection("request_claims");
		this.counters = database.getCollection("stat_counters");
		createIndexes().block(java.time.Duration.ofSeconds(30));
	}

	/**
	 * The compare-and-set filters' indexes; a rebuild drops them with the collections.
	 */
	private Mono<Void> createIndexes() {
		return Mono.from(this.counters.createIndex(com.mongodb.client.model.Indexes.ascending("_id", "lastOffset"),
				new com.mongodb.client.model.IndexOptions().unique(true).name("cas")))
			.then();
	}

	/** The position of one record in the log. */
	public record LogPosition(String topic, int partition, long offset) {
	}

	/**
	 * Applies {@code contribution} for the event at {@code position} unless it was
	 * applied before.
	 * @return true if the figures changed
	 */
	public Mono<Boolean> apply(UUID requestId, String stream, long sequence, LogPosition position,
			Contribution contribution) {
		return claim(requestId + "|" + stream, sequence, position, ATTEMPTS)
			.flatMap((claimed) -> claimed ? add(position, contribution, ATTEMPTS) : Mono.just(false));
	}

	/*
	 * Every write below is a compare-and-set on fields matched by equality, backed by a
	 * unique index on exactly those fields: the local store uses an index only for a
	 * filter on exactly its keys, and scans the collection otherwise (ADR 4).
	 */

	/*
	 * A claim is insert-only, one document per request, stream and sequence: the unique
	 * _id is the compare-and-set, and the stored position tells the record that took it
	 * (and failed before its counters) from a repeat elsewhere in the log. Events of one
	 * request and stream arrive in sequence order (one key, one partition; the review
	 * relay publishes in order), so an older sequence seen after a newer one is always a
	 * repeat, whose claim exists.
	 */
	private Mono<Boolean> claim(String id, long sequence, LogPosition position, int attemptsLeft) {
		String claimId = id + "|" + sequence;
		return Mono
			.from(this.claims.insertOne(new Document("_id", claimId).append("topic", position.topic())
				.append("partition", position.partition())
				.append("offset", position.offset())))
			.thenReturn(true)
			.onErrorResume(ProjectionStore::isDuplicateKey,
					(ex) -> Mono.from(this.claims.find(Filters.eq("_id", claimId)).first())
						.map((held) -> position.topic().equals(held.getString("topic"))
								&& held.get("partition", Number.class).intValue() == position.partition()
								&& held.get("offset", Number.class).longValue() == position.offset())
						.defaultIfEmpty(false));
	}

	private Mono<Boolean> add(LogPosition position, Contribution contribution, int attemptsLeft) {
		String id = position.topic() + "|" + position.partition() + "|" + contribution.period();
		return Mono.from(this.counters.find(Filters.eq("_id", id)).first()).flatMap((doc) -> {
			long lastOffset = doc.get("lastOffset", Number.class).longValue();
			if (lastOffset >= position.offset()) {
				return Mono.just(false);
			}
			List<Bson> updates = new ArrayList<>();
			updates.add(Updates.set("lastOffset", position.offset()));
			for (Map.Entry<String, Long> increment : contribution.increments().entrySet()) {
				updates.add(Updates.inc("c." + increment.getKey(), increment.getValue()));
			}
			return Mono
				.from(this.counters.updateOne(
						Filters.and(Filters.eq("_id", id), Filters.eq("lastOffset", doc.get("lastOffset"))),
						Updates.combine(updates)))
				.flatMap((result) -> (result.getModifiedCount() == 1) ? Mono.just(true)
						: retry(() -> add(position, contribution, attemptsLeft - 1), attemptsLeft));
		}).switchIfEmpty(Mono.defer(() -> {
			Document fresh = new Document("_id", id).append("period", contribution.period())
				.append("lastOffset", position.offset());
			Document c = new Document();
			contribution.increments().forEach((path, value) -> put(c, path, value));
			fresh.append("c", c);
			return Mono.from(this.counters.insertOne(fresh))
				.thenReturn(true)
				.onErrorResume(ProjectionStore::isDuplicateKey,
						(ex) -> retry(() -> add(position, contribution, attemptsLeft - 1), attemptsLeft));
		}));
	}

	/** Sets a dotted path in nested documents, as $inc would on a new document. */
	private static void put(Document root, String path, long value) {
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
	}

	private static Mono<Boolean> retry(java.util.function.Supplier<Mono<Boolean>> again, int attemptsLeft) {
		if (attemptsLeft <= 1) {
			return Mono.error(new IllegalStateException("projection write kept conflicting; the binder will retry"));
		}
		return Mono.defer(again);
	}

	/**
	 * Every counter document of the given half-years (all when empty), with its last
	 * applied offset, for readers that need to know which state they read
	 * ({@link #fingerprintOf}).
	 */
	public Flux<Document> counters(List<String> halfYears) {
		Bson filter = halfYears.isEmpty() ? new Document() : Filters.in("period", halfYears);
		return Flux.from(this.counters.find(filter)
			.projection(new Document("c", 1).append("period", 1).append("lastOffset", 1)));
	}

	/**
	 * Which state of the figures the given half-years are in, cheap to read: every
	 * applied change moves one document's last offset forward, so the sum of those and
	 * the number of documents change whenever the figures may have.
	 */
	public Mono<String> fingerprint(List<String> halfYears) {
		Bson filter = halfYears.isEmpty() ? new Document() : Filters.in("period", halfYears);
		return Flux.from(this.counters.find(filter).projection(new Document("lastOffset", 1)))
			.collectList()
			.map(ProjectionStore::fingerprintOf);
	}

	/** The fingerprint of counter documents read with their positions. */
	public static String fingerprintOf(List<Document> documents) {
		long sum = 0;
		for (Document doc : documents) {
			Number offset = doc.get("lastOffset", Number.class);
			sum += (offset == null) ? 0 : offset.longValue() + 1;
		}
		return sum + "-" + documents.size();
	}

	/** Drops the projection, for a rebuild from the event log. */
	public Mono<Void> drop() {
		return Mono.from(this.claims.drop()).then(Mono.from(this.counters.drop())).then(createIndexes());
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

}
