package ler.reporting.statistics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
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

	ProjectionStore(MongoDatabase database) {
		this.claims = database.getCollection("request_claims");
		this.counters = database.getCollection("stat_counters");
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
		return claim(requestId, stream, sequence, position)
			.flatMap((claimed) -> claimed ? add(position, contribution) : Mono.just(false));
	}

	private Mono<Boolean> claim(UUID requestId, String stream, long sequence, LogPosition position) {
		Bson unclaimed = Filters.and(Filters.eq("_id", requestId.toString()),
				Filters.or(Filters.exists(stream + ".sequence", false), Filters.lt(stream + ".sequence", sequence)));
		Bson claim = Updates.combine(Updates.set(stream + ".sequence", sequence),
				Updates.set(stream + ".topic", position.topic()),
				Updates.set(stream + ".partition", position.partition()),
				Updates.set(stream + ".offset", position.offset()));
		return Mono.from(this.claims.updateOne(unclaimed, claim, new UpdateOptions().upsert(true)))
			.map((result) -> true)
			.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> heldBy(requestId, stream, position));
	}

	/**
	 * True when the claim was taken by this very record, which then failed before its
	 * counters.
	 */
	private Mono<Boolean> heldBy(UUID requestId, String stream, LogPosition position) {
		return Mono.from(this.claims.find(Filters.eq("_id", requestId.toString())).first()).map((doc) -> {
			Document held = doc.get(stream, Document.class);
			return held != null && position.topic().equals(held.getString("topic"))
					&& held.get("partition", Number.class).intValue() == position.partition()
					&& held.get("offset", Number.class).longValue() == position.offset();
		}).defaultIfEmpty(false);
	}

	private Mono<Boolean> add(LogPosition position, Contribution contribution) {
		String id = position.topic() + "|" + position.partition() + "|" + contribution.period();
		Bson notYetApplied = Filters.and(Filters.eq("_id", id),
				Filters.or(Filters.exists("lastOffset", false), Filters.lt("lastOffset", position.offset())));
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.set("lastOffset", position.offset()));
		updates.add(Updates.set("period", contribution.period()));
		for (Map.Entry<String, Long> increment : contribution.increments().entrySet()) {
			updates.add(Updates.inc("c." + increment.getKey(), increment.getValue()));
		}
		return Mono
			.from(this.counters.updateOne(notYetApplied, Updates.combine(updates), new UpdateOptions().upsert(true)))
			.map((result) -> true)
			.onErrorResume(ProjectionStore::isDuplicateKey, (ex) -> Mono.just(false));
	}

	/** Every counter document of the given half-years (all when empty). */
	public Flux<Document> counters(List<String> halfYears) {
		Bson filter = halfYears.isEmpty() ? new Document() : Filters.in("period", halfYears);
		return Flux.from(this.counters.find(filter).projection(new Document("c", 1).append("period", 1)));
	}

	/** Drops the projection, for a rebuild from the event log. */
	public Mono<Void> drop() {
		return Mono.from(this.claims.drop()).then(Mono.from(this.counters.drop()));
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	static Duration writeTimeout() {
		return Duration.ofSeconds(30);
	}

}
