package ler.intake.request;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * {@code Idempotency-Key} records. A key is claimed before its event is published and
 * holds the exact event bytes, so a retry after any failure publishes the very same event
 * (same event id, same request id) and never a second request.
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
	 * Claims {@code key} for this submission, or returns the earlier claim of the same
	 * key.
	 */
	Mono<Claim> claim(String key, String fingerprint, UUID requestId, byte[] event) {
		Document doc = new Document("_id", key).append("fingerprint", fingerprint)
			.append("requestId", requestId.toString())
			.append("event", new Binary(event))
			.append("published", false)
			.append("createdAt", Date.from(this.clock.instant()));
		return Mono.from(this.keys.insertOne(doc))
			.thenReturn(Claim.of(doc))
			.onErrorResume(IdempotencyKeys::isDuplicateKey,
					(ex) -> Mono.from(this.keys.find(Filters.eq("_id", key)).first()).map(Claim::of));
	}

	Mono<Void> markPublished(String key) {
		return Mono.from(this.keys.updateOne(Filters.eq("_id", key), Updates.set("published", true))).then();
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	record Claim(String fingerprint, UUID requestId, byte[] event, boolean published) {

		static Claim of(Document doc) {
			return new Claim(doc.getString("fingerprint"), UUID.fromString(doc.getString("requestId")),
					doc.get("event", Binary.class).getData(), doc.getBoolean("published", false));
		}

	}

}
