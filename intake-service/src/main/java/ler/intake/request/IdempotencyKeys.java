package ler.intake.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} records, one document per key whose unique {@code _id} makes
 * the claim atomic: the first submission inserts it, with the exact event bytes, before
 * it stores or publishes anything; every other submission with the key finds it. The
 * store has no transactions, so each step is one single-document operation:
 * <ul>
 * <li>the owner of a claim holds a lease ({@code owner}, {@code leaseUntil}) while it
 * publishes; others wait for the result and replay it;</li>
 * <li>{@link #markPublished} flips {@code published} and returns the state before, so
 * exactly one submission learns it was the first to publish (that one is counted);</li>
 * <li>a claim whose owner failed or vanished (lease over, not published) is taken over by
 * a later submission with the same key, which publishes the very same event (same event
 * id, same request id), so consumers see at most a repeat they drop.</li>
 * </ul>
 * A key is the caller's own (issue 12): its {@code _id} is the key scoped to the
 * submitting agency and account ({@link #scoped}), so the same key from another caller is
 * another record; it never returns, blocks or reveals someone else's request.
 * <p>
 * Everyday writes filter on {@code _id} alone (the local store uses no other index for
 * updates); only a take-over, after a failure, filters on the owner too.
 */
@Component
class IdempotencyKeys {

	private final MongoCollection<Document> keys;

	private final Clock clock;

	IdempotencyKeys(MongoDatabase database, Clock clock, IntakeProperties properties) {
		this.keys = database.getCollection("idempotency_keys");
		this.clock = clock;
		Duration retention = properties.idempotencyRetention();
		Mono.from(this.keys.createIndex(Indexes.ascending("createdAt"),
				new IndexOptions().name("expiry").expireAfter(retention.toSeconds(), TimeUnit.SECONDS)))
			.block(Duration.ofSeconds(30));
	}

	/**
	 * The stored id of a client's key: agency, account and key, each prefixed with its
	 * length so no two different triples give the same id (an {@code |} in a subject
	 * cannot pass for a separator).
	 */
	static String scoped(Submitter submitter, String key) {
		String agency = (submitter.agencyId() == null) ? "" : submitter.agencyId();
		return agency.length() + ":" + agency + "|" + submitter.subject().length() + ":" + submitter.subject() + "|"
				+ key;
	}

	/**
	 * Claims {@code key} (a {@link #scoped} id) for this submission
	 * ({@link Claim#owner()} is then {@code owner}), or returns the claim that holds it.
	 */
	Mono<Claim> claim(String key, String fingerprint, UUID requestId, byte[] event, String owner, Duration lease) {
		Instant now = this.clock.instant();
		Document doc = new Document("_id", key).append("fingerprint", fingerprint)
			.append("requestId", requestId.toString())
			.append("event", new Binary(event))
			.append("published", false)
			.append("owner", owner)
			.append("leaseUntil", Date.from(now.plus(lease)))
			.append("createdAt", Date.from(now));
		return Mono.from(this.keys.insertOne(doc))
			.thenReturn(Claim.of(doc))
			.onErrorResume(IdempotencyKeys::isDuplicateKey, (ex) -> find(key));
	}

	Mono<Claim> find(String key) {
		return Mono.from(this.keys.find(Filters.eq("_id", key)).first()).map(Claim::of);
	}

	/**
	 * Takes over an unpublished claim whose lease is over.
	 * @return true if this submission now owns it
	 */
	Mono<Boolean> takeOver(Claim claim, String key, String owner, Duration lease) {
		return Mono.from(this.keys.updateOne(
				Filters.and(Filters.eq("_id", key), Filters.eq("owner", claim.owner()), Filters.eq("published", false)),
				Updates.combine(Updates.set("owner", owner),
						Updates.set("leaseUntil", Date.from(this.clock.instant().plus(lease))))))
			.map((result) -> result.getModifiedCount() == 1);
	}

	/**
	 * Ends this owner's lease at once after a failed publish, so a retry need not wait.
	 */
	Mono<Void> release(String key, String owner) {
		return Mono.from(this.keys.updateOne(Filters.and(Filters.eq("_id", key), Filters.eq("owner", owner)),
				Updates.set("leaseUntil", Date.from(Instant.EPOCH))))
			.then();
	}

	/**
	 * Records that the claimed event is on the log.
	 * @return true for the one call that found it unpublished
	 */
	Mono<Boolean> markPublished(String key) {
		return Mono
			.from(this.keys.findOneAndUpdate(Filters.eq("_id", key), Updates.set("published", true),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE)))
			.map((before) -> !before.getBoolean("published", false))
			.defaultIfEmpty(false);
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/**
	 * @param owner the submission that may publish it now
	 * @param leaseUntil until when the owner may; after that, another submission may take
	 * it over
	 */
	record Claim(String fingerprint, UUID requestId, byte[] event, boolean published, String owner,
			Instant leaseUntil) {

		static Claim of(Document doc) {
			Date lease = doc.getDate("leaseUntil");
			return new Claim(doc.getString("fingerprint"), UUID.fromString(doc.getString("requestId")),
					doc.get("event", Binary.class).getData(), doc.getBoolean("published", false),
					doc.getString("owner"), (lease == null) ? Instant.EPOCH : lease.toInstant());
		}

	}

}
