package ler.localstack.store;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * mongo-java-server's H2 collection, but a query whose projection only excludes top-level
 * fields (such as review's {@code {outbox: 0, events: 0}} on counsel's queue) copies each
 * matching document shallowly without them, instead of cloning it deeply and then
 * removing them as the library does: a deep clone of every case was a fifth of the
 * store's CPU while counsel's queue was read (docs/benchmarks.md, issue 13). The stored
 * document is never changed: the copy is a new top-level document whose values are the
 * stored ones, which the wire encoder only reads. Any other projection (inclusions,
 * dotted paths, operators such as {@code $slice}) is the library's. Filter, order, skip
 * and limit are applied as the library applies them, in that order.
 */
final class LocalCollection extends H2Collection {

	private final LongAdder examined = new LongAdder();

	LocalCollection(MongoDatabase database, String collectionName, CollectionOptions options,
			MVMap<Object, Document> data, MVMap<String, Object> meta, CursorRegistry cursors) {
		super(database, collectionName, options, data, meta, cursors);
	}

	/**
	 * How many documents this collection has checked against a query since it was opened:
	 * what real MongoDB reports as {@code totalDocsExamined}. A query answered through an
	 * index examines only the documents the index found.
	 */
	long documentsExamined() {
		return this.examined.sum();
	}

	@Override
	protected boolean documentMatchesQuery(Document document, Document query) {
		this.examined.increment();
		return super.documentMatchesQuery(document, query);
	}

	@Override
	protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documents, int numberToSkip,
			int limit, int batchSize, Comparator<Document> order, Document fieldSelector) {
		Set<String> excluded = topLevelExclusions(fieldSelector);
		if (excluded == null) {
			return super.matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, order,
					fieldSelector);
		}
		Stream<Document> matched = documents.filter((document) -> documentMatchesQuery(document, query));
		if (order != null) {
			matched = matched.sorted(order);
		}
		if (numberToSkip > 0) {
			matched = matched.skip(numberToSkip);
		}
		if (limit > 0) {
			matched = matched.limit(limit);
		}
		List<Document> projected = matched.map((document) -> without(document, excluded)).collect(Collectors.toList());
		return createQueryResult(projected, batchSize);
	}

	/**
	 * The fields a projection excludes, if it only excludes fields at the top level (each
	 * value 0 or false, no dotted path, no operator); null for any other projection, or
	 * none.
	 */
	static Set<String> topLevelExclusions(Document fieldSelector) {
		if (fieldSelector == null || fieldSelector.isEmpty()) {
			return null;
		}
		Set<String> excluded = new HashSet<>();
		for (Map.Entry<String, Object> field : fieldSelector.entrySet()) {
			String name = field.getKey();
			Object value = field.getValue();
			boolean off = (value instanceof Boolean b) ? !b : (value instanceof Number n) && n.doubleValue() == 0;
			if (!off || name.isEmpty() || name.indexOf('.') >= 0 || name.startsWith("$")) {
				return null;
			}
			excluded.add(name);
		}
		return excluded;
	}

	private static Document without(Document stored, Set<String> excluded) {
		Document copy = new Document();
		for (Map.Entry<String, Object> field : stored.entrySet()) {
			if (!excluded.contains(field.getKey())) {
				copy.put(field.getKey(), field.getValue());
			}
		}
		return copy;
	}

}
