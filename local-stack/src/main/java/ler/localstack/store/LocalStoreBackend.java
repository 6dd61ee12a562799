package ler.localstack.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.wire.message.MongoQuery;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend on a file, with unique indexes ordered by value
 * ({@link KeyOrder}, ADR 13) and H2 sized for this project's working set: a page cache of
 * {@code cacheMb} megabytes (H2's default is 16) and a write at every
 * {@code writeBufferKb} kilobytes of changes (default 1024). Writes still reach the file
 * within a second of being made (H2's auto-commit delay, unchanged). Its collections
 * ({@link LocalCollection}) apply a projection that only excludes top-level fields
 * without a deep copy of each document. Closing the backend closes the file.
 */
public final class LocalStoreBackend extends H2Backend {

	/**
	 * Opens or creates the store file.
	 * @param file the H2 file
	 * @param cacheMb H2's page cache, in megabytes
	 * @param writeBufferKb changes held before a write, in kilobytes
	 */
	public LocalStoreBackend(Path file, int cacheMb, int writeBufferKb) {
		super(new MVStore.Builder().fileName(file.toString())
			.cacheSize(cacheMb)
			.autoCommitBufferSize(writeBufferKb)
			.pageSplitSize(Integer.getInteger("ler.store.page-kb", 4) * 1024)
			.open());
	}

	/**
	 * Runs a command with its H2 version registered as in use, so that no chunk it may
	 * still read is freed under it. Without this, H2 frees a chunk once it is dead, a few
	 * versions old and older than the retention time (counted from the chunk's creation),
	 * and a command still walking an older root meets "Chunk N not found"
	 * (h2database#2118, #4142, #4383). Under write load the version moves on many times a
	 * second: an index insert that failed this way left a document in the data but not in
	 * its index. H2's own SQL engine registers every transaction the same way.
	 */
	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		return withVersionInUse(() -> super.handleCommand(channel, databaseName, command, query));
	}

	/**
	 * A legacy query (OP_QUERY), its version registered as {@link #handleCommand} does.
	 */
	@Override
	public QueryResult handleQuery(MongoQuery query) {
		return withVersionInUse(() -> super.handleQuery(query));
	}

	private <T> T withVersionInUse(java.util.function.Supplier<T> command) {
		MVStore.TxCounter usage = getMvStore().registerVersionUsage();
		try {
			return command.get();
		}
		finally {
			getMvStore().deregisterVersionUsage(usage);
		}
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		return new LocalStoreDatabase(databaseName);
	}

	/**
	 * An H2 database whose unique indexes are ordered by {@link KeyOrder}. An index map
	 * written by mongo-java-server's own backend (ordered by serialised bytes) is
	 * re-ordered once when first opened; the maps so ordered are listed in
	 * {@value #KEY_ORDER}.
	 */
	private final class LocalStoreDatabase extends H2Database {

		/** The H2 map that lists the index maps ordered by {@link KeyOrder}. */
		private static final String KEY_ORDER = "ler.key-order";

		// an inner class: the store is the backend's, reachable while H2Database's own
		// constructor already opens the indexes
		LocalStoreDatabase(String name) {
			super(name, getMvStore(), getCursorRegistry());
		}

		@Override
		protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
			// mongo-java-server's own maps for a collection, with documents in BSON
			String namespace = getFullCollectionNamespace(collectionName);
			MVMap<Object, Document> data = getMvStore().openMap("databases." + namespace,
					new MVMap.Builder<Object, Document>().valueType(new DocumentValues()));
			MVMap<String, Object> meta = getMvStore().openMap("meta." + namespace);
			return new LocalCollection(this, collectionName, options, data, meta, getCursorRegistry());
		}

		@Override
		protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
				boolean sparse) {
			String mapName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
			MVMap<String, String> ordered = getMvStore().openMap(KEY_ORDER);
			if (getMvStore().hasMap(mapName) && !ordered.containsKey(mapName)) {
				reorder(mapName);
			}
			MVMap<KeyValue, Object> map = getMvStore().openMap(mapName,
					new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
			ordered.put(mapName, "value");
			return new LocalUniqueIndex(map, indexName, keys, sparse);
		}

		/** Re-writes an index map of the byte order in the value order. */
		private void reorder(String mapName) {
			MVMap<Object, Object> old = getMvStore().openMap(mapName);
			List<Map.Entry<Object, Object>> entries = new ArrayList<>();
			// iteration reads the pages in place, without comparing keys
			old.entrySet().forEach((e) -> entries.add(Map.entry(e.getKey(), e.getValue())));
			getMvStore().removeMap(old);
			MVMap<KeyValue, Object> map = getMvStore().openMap(mapName,
					new MVMap.Builder<KeyValue, Object>().keyType(new KeyOrder()));
			entries.forEach((e) -> map.put((KeyValue) e.getKey(), e.getValue()));
		}

	}

}
