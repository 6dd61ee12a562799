package ler.localstack.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local store under many concurrent writers and readers, with H2 committing often and
 * freeing dead chunks at once (the conditions of the benchmark's intake overload, made
 * quick): no operation reads a page from a chunk H2 has already freed ("Chunk N not
 * found", h2database#4142, #4383), every insert is in the data and in every unique index,
 * and every document is found by each of its keys afterwards.
 */
class StoreUnderConcurrencyTest {

	private static final int THREADS = 16;

	private static final int OPERATIONS_PER_THREAD = 600;

	@TempDir
	Path dir;

	@Test
	void concurrentWritesAndReadsNeverReadAFreedChunkAndLeaveDataAndIndexesAgreeing() throws Exception {
		// a 1 MB page cache and a write every 16 KB of changes: pages are read back from
		// the file, and the store's version moves on many times a second
		LocalStoreBackend backend = new LocalStoreBackend(this.dir.resolve("store.h2"), 1, 16);
		// a dead chunk is freed as soon as H2 may: no time-based grace hides a reader
		// still on an older version
		backend.getMvStore().setRetentionTime(0);
		MongoServer server = new MongoServer(backend);
		Set<String> inserted = ConcurrentHashMap.newKeySet();
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		try {
			String address = "mongodb://127.0.0.1:" + server.bind().getPort();
			try (MongoClient client = MongoClients.create(address)) {
				MongoCollection<Document> claims = client.getDatabase("test").getCollection("claims");
				claims.createIndex(Indexes.ascending("event"), new IndexOptions().unique(true));
				ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
				AtomicBoolean working = new AtomicBoolean(true);
				// the version moves on as fast as it can, as when many writers fill
				// H2's write buffer at once: each commit may free the chunks that the
				// writes before it left dead
				Future<?> commits = pool.submit(() -> {
					while (working.get()) {
						backend.getMvStore().commit();
					}
				});
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < THREADS; t++) {
					done.add(pool.submit(() -> work(claims, inserted, failures)));
				}
				for (Future<?> f : done) {
					f.get(5, TimeUnit.MINUTES);
				}
				working.set(false);
				commits.get(1, TimeUnit.MINUTES);
				pool.shutdown();
				assertThat(failures).as("operations that failed").isEmpty();
				assertThat(claims.countDocuments()).isEqualTo(inserted.size());
				for (String id : inserted) {
					Document byId = claims.find(Filters.eq("_id", id)).first();
					assertThat(byId).as("by _id: %s", id).isNotNull();
					assertThat(claims.find(Filters.eq("event", byId.getString("event"))).first())
						.as("by the unique index: %s", id)
						.isNotNull();
				}
			}
		}
		finally {
			server.shutdown();
		}
	}

	private static void work(MongoCollection<Document> claims, Set<String> inserted, List<Throwable> failures) {
		List<String> mine = new ArrayList<>();
		String padding = "p".repeat(300);
		for (int i = 0; i < OPERATIONS_PER_THREAD; i++) {
			try {
				String id = UUID.randomUUID().toString();
				claims.insertOne(new Document("_id", id).append("event", UUID.randomUUID().toString())
					.append("n", 0L)
					.append("padding", padding));
				inserted.add(id);
				mine.add(id);
				String earlier = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
				claims.updateOne(Filters.eq("_id", earlier), Updates.inc("n", 1L));
				if (i % 50 == 0) {
					// a read that walks the whole index while the writers go on
					claims.countDocuments(Filters.gte("event", ""));
				}
			}
			catch (RuntimeException ex) {
				failures.add(ex);
				if (failures.size() > 20) {
					return;
				}
			}
		}
	}

}
