package ler.localstack.store;

import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A unique index on an H2 map ordered by {@link KeyOrder}: what mongo-java-server's own
 * H2 index does, on a map it cannot open itself. Unlike the library's, it also answers a
 * query that names more fields than its keys, as real MongoDB's index bounds do: a query
 * such as {@code {_id: x, version: 3}} (a compare-and-set) looks {@code x} up in the
 * {@code _id} index and the collection then checks the whole query on what was found,
 * where the library scanned every document because the query's fields were not exactly
 * the index's (and the driver's {@code Filters.and} writes them under {@code $and}).
 */
final class LocalUniqueIndex extends AbstractUniqueIndex<Object> {

	private final MVMap<KeyValue, Object> map;

	LocalUniqueIndex(MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
		super(name, keys, sparse);
		this.map = map;
	}

	/**
	 * Whether this index can find the candidates of {@code query}: when the query names
	 * each of the index's keys with a value the library's index can look up (a value or
	 * {@code $in}), whatever else it names. The rest of the query is a conjunction the
	 * collection checks on each candidate (top-level fields of a filter are ANDed).
	 */
	@Override
	public synchronized boolean canHandle(Document query) {
		Document keys = keysOf(query);
		return keys != null && super.canHandle(keys);
	}

	/**
	 * The positions of the documents whose keys match {@code query}'s (see
	 * {@link #canHandle}).
	 */
	@Override
	public synchronized Iterable<Object> getPositions(Document query) {
		Document keys = keysOf(query);
		return super.getPositions((keys != null) ? keys : query);
	}

	/**
	 * The query's conditions on this index's keys alone, or null if one is missing. A
	 * condition may be at the top level or in a top-level {@code $and} (the MongoDB
	 * driver's {@code Filters.and} always writes one), nested or not: each is a conjunct.
	 */
	private Document keysOf(Document query) {
		if (query.keySet().equals(keySet())) {
			return query;
		}
		Document keys = new Document();
		for (String key : keys()) {
			Object condition = conjunct(query, key);
			if (condition == null) {
				return null;
			}
			keys.put(key, condition);
		}
		return keys;
	}

	/** A condition on {@code key} that the whole query implies, or null. */
	private static Object conjunct(Document query, String key) {
		if (query.containsKey(key)) {
			return query.get(key);
		}
		if (query.get("$and") instanceof List<?> all) {
			for (Object part : all) {
				if (part instanceof Document document) {
					Object condition = conjunct(document, key);
					if (condition != null) {
						return condition;
					}
				}
			}
		}
		return null;
	}

	@Override
	protected Object removeDocument(KeyValue key) {
		return this.map.remove(key);
	}

	@Override
	protected boolean putKeyPosition(KeyValue key, Object position) {
		return this.map.putIfAbsent(key, Missing.ofNullable(position)) == null;
	}

	@Override
	protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
		return this.map.entrySet();
	}

	@Override
	protected Object getPosition(KeyValue key) {
		return this.map.get(key);
	}

	@Override
	public long getCount() {
		return this.map.sizeAsLong();
	}

	@Override
	public boolean isEmpty() {
		return this.map.isEmpty();
	}

	@Override
	public long getDataSize() {
		return getCount();
	}

}
