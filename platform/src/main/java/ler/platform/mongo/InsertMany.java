package ler.platform.mongo;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.reactivestreams.client.MongoCollection;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * Inserts documents at once where some may exist already: a claim, or a record someone
 * else wrote first. One unordered {@code insertMany}, so every document that can be
 * inserted is, whatever its neighbours do; the ones refused as duplicate keys (MongoDB's
 * error 11000 on a unique index) are reported by position, not raised.
 */
public final class InsertMany {

	private InsertMany() {
	}

	/**
	 * @param collection where to insert
	 * @param documents the documents, in any order
	 * @return the positions (in {@code documents}) of those whose key existed; empty when
	 * all were inserted or there were none
	 * @throws MongoBulkWriteException (as the Mono's error) when any document failed for
	 * another reason than a duplicate key; the others were still inserted
	 */
	public static Mono<Set<Integer>> duplicates(MongoCollection<Document> collection, List<Document> documents) {
		if (documents.isEmpty()) {
			return Mono.just(Set.of());
		}
		return Mono.from(collection.insertMany(documents, new InsertManyOptions().ordered(false)))
			.thenReturn(Set.<Integer>of())
			.onErrorResume(MongoBulkWriteException.class, (ex) -> {
				Set<Integer> existing = new TreeSet<>();
				for (BulkWriteError error : ex.getWriteErrors()) {
					if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
						return Mono.error(ex);
					}
					existing.add(error.getIndex());
				}
				return Mono.just(existing);
			});
	}

}
