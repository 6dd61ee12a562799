package ler.review.cases.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Small collections keyed by {@code _id} that point into the cases, so that nothing on a
 * hot or periodic path has to search the whole case collection (the local store answers
 * only {@code _id} lookups without a scan; on real MongoDB they are the cheapest lookups
 * too):
 * <ul>
 * <li>{@code watches}: per identifier value, the active preservations and the emergency
 * disclosures waiting for formal process that a new request may follow;</li>
 * <li>{@code timers}: per case, when its next time-driven move is due;</li>
 * <li>{@code pending_publications}: per case, a marker set before a change with events is
 * saved and cleared once its outbox is drained.</li>
 * </ul>
 * Each is written before the change it announces, so a crash leaves at most a stale
 * pointer, which the reader checks against the case itself.
 */
@Component
public class CasePointers {

	public static final String PRESERVATIONS = "preservations";

	public static final String EMERGENCIES = "emergencies";

	/**
	 * Identifier values per watch-list query: 1,000 of at most 320 characters each stay
	 * far below MongoDB's 16 MB command limit.
	 */
	static final int LOOKUP_CHUNK = 1_000;

	private final MongoCollection<Document> watches;

	private final MongoCollection<Document> timers;

	private final MongoCollection<Document> pending;

	public CasePointers(MongoDatabase database) {
		this.watches = database.getCollection("watches");
		this.timers = database.getCollection("timers");
		this.pending = database.getCollection("pending_publications");
	}

	public Mono<Void> watch(String kind, UUID caseId, List<String> identifierValues) {
		return Flux.fromIterable(identifierValues)
			.concatMap((value) -> Mono.from(this.watches.updateOne(Filters.eq("_id", value),
					Updates.addToSet(kind, caseId.toString()), new UpdateOptions().upsert(true))))
			.then();
	}

	public Mono<Void> unwatch(String kind, UUID caseId, List<String> identifierValues) {
		return Flux.fromIterable(identifierValues)
			.concatMap((value) -> Mono
				.from(this.watches.updateOne(Filters.eq("_id", value), Updates.pull(kind, caseId.toString()))))
			.then();
	}

	/** Cases watching any of these identifiers for the given kind. */
	public Flux<UUID> watching(String kind, List<String> identifierValues) {
		return Flux.from(this.watches.find(Filters.in("_id", identifierValues)))
			.flatMapIterable((doc) -> doc.getList(kind, String.class, List.of()))
			.distinct()
			.map(UUID::fromString);
	}

	/**
	 * The watch lists of each of these identifiers that has any, one lookup per
	 * {@link #LOOKUP_CHUNK} identifiers: per identifier, per kind
	 * ({@link #PRESERVATIONS}, {@link #EMERGENCIES}), the cases watching it.
	 */
	public Mono<Map<String, Map<String, List<UUID>>>> watchersByIdentifier(Collection<String> identifierValues) {
		if (identifierValues.isEmpty()) {
			return Mono.just(Map.of());
		}
		List<String> values = List.copyOf(identifierValues);
		List<List<String>> chunks = new ArrayList<>();
		for (int start = 0; start < values.size(); start += LOOKUP_CHUNK) {
			chunks.add(values.subList(start, Math.min(start + LOOKUP_CHUNK, values.size())));
		}
		// in chunks: a poll's requests may name more identifiers than one query may hold
		return Flux.fromIterable(chunks)
			.concatMap((chunk) -> this.watches.find(Filters.in("_id", chunk)))
			.collectList()
			.map((docs) -> {
				Map<String, Map<String, List<UUID>>> watchers = new HashMap<>();
				for (Document doc : docs) {
					Map<String, List<UUID>> kinds = new HashMap<>();
					for (String kind : List.of(PRESERVATIONS, EMERGENCIES)) {
						List<String> ids = doc.getList(kind, String.class, List.of());
						if (!ids.isEmpty()) {
							kinds.put(kind, ids.stream().map(UUID::fromString).toList());
						}
					}
					if (!kinds.isEmpty()) {
						watchers.put(doc.getString("_id"), kinds);
					}
				}
				return watchers;
			});
	}

	/**
	 * Sets (or clears, where null) when each case's next time-driven move is due, in one
	 * bulk write.
	 * @param dueAt per case, the moment or null
	 */
	public Mono<Void> scheduleAll(Map<UUID, Instant> dueAt) {
		if (dueAt.isEmpty()) {
			return Mono.empty();
		}
		List<WriteModel<Document>> writes = new ArrayList<>();
		dueAt.forEach((caseId,
				due) -> writes.add((due == null) ? new DeleteOneModel<>(Filters.eq("_id", caseId.toString()))
						: new UpdateOneModel<>(Filters.eq("_id", caseId.toString()),
								Updates.set("dueAt", Date.from(due)), new UpdateOptions().upsert(true))));
		return Mono.from(this.timers.bulkWrite(writes, new BulkWriteOptions().ordered(false))).then();
	}

	/** Sets (or clears, with null) when the case's next time-driven move is due. */
	public Mono<Void> schedule(UUID caseId, Instant dueAt) {
		if (dueAt == null) {
			return Mono.from(this.timers.deleteOne(Filters.eq("_id", caseId.toString()))).then();
		}
		return Mono.from(this.timers.updateOne(Filters.eq("_id", caseId.toString()),
				Updates.set("dueAt", Date.from(dueAt)), new UpdateOptions().upsert(true)))
			.then();
	}

	public Flux<UUID> dueBy(Instant now, int limit) {
		return Flux.from(this.timers.find(Filters.lte("dueAt", Date.from(now))).limit(limit))
			.map((doc) -> UUID.fromString(doc.getString("_id")));
	}

	/** Marks a case as about to have events to publish; returns the marker's token. */
	public Mono<String> markPending(UUID caseId, Instant now) {
		String token = UUID.randomUUID().toString();
		return Mono.from(this.pending.updateOne(Filters.eq("_id", caseId.toString()),
				Updates.combine(Updates.set("token", token), Updates.set("since", Date.from(now))),
				new UpdateOptions().upsert(true)))
			.thenReturn(token);
	}

	/** Markers older than {@code olderThan}: what a crash or an outage left behind. */
	public Flux<Marker> pendingSince(Instant olderThan, int limit) {
		return Flux.from(this.pending.find(Filters.lt("since", Date.from(olderThan))).limit(limit))
			.map((doc) -> new Marker(UUID.fromString(doc.getString("_id")), doc.getString("token")));
	}

	/** Clears a marker unless a newer change re-marked the case since it was read. */
	public Mono<Void> clearPending(Marker marker) {
		return Mono
			.from(this.pending.deleteOne(
					Filters.and(Filters.eq("_id", marker.caseId().toString()), Filters.eq("token", marker.token()))))
			.then();
	}

	public record Marker(UUID caseId, String token) {
	}

}
