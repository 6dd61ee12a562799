package ler.localstack.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local store through the MongoDB driver: unique indexes ordered by value find every
 * key and refuse every duplicate, across a restart, and a file written by
 * mongo-java-server's own H2 backend (keys in byte order) is re-ordered on first open.
 */
class LocalStoreBackendTest {

	private static final int DOCUMENTS = 3_000;

	@TempDir
	Path dir;

	@Test
	void findsEveryKeyAndRefusesEveryDuplicateAcrossARestart() {
		Path file = this.dir.resolve("store.h2");
		List<String> ids = ids();
		withStore(new LocalStoreBackend(file, 16, 1024), (claims) -> {
			claims.createIndex(Indexes.ascending("event", "n"), new IndexOptions().unique(true));
			insert(claims, ids);
			assertEveryKey(claims, ids);
		});
		withStore(new LocalStoreBackend(file, 16, 1024), (claims) -> {
			assertEveryKey(claims, ids);
			insert(claims, List.of("after-restart"));
			assertThat(claims.countDocuments()).isEqualTo(DOCUMENTS + 1);
		});
	}

	@Test
	void reordersAFileWrittenInByteOrder() {
		Path file = this.dir.resolve("store.h2");
		List<String> ids = ids();
		withStore(new H2Backend(file.toString()), (claims) -> {
			claims.createIndex(Indexes.ascending("event", "n"), new IndexOptions().unique(true));
			insert(claims, ids);
		});
		withStore(new LocalStoreBackend(file, 16, 1024), (claims) -> {
			assertEveryKey(claims, ids);
			insert(claims, List.of("after-reorder"));
		});
		// the second open finds the maps already ordered and does not re-order them again
		withStore(new LocalStoreBackend(file, 16, 1024), (claims) -> {
			assertEveryKey(claims, ids);
			assertThat(claims.countDocuments()).isEqualTo(DOCUMENTS + 1);
		});
	}

	private static List<String> ids() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < DOCUMENTS; i++) {
			// of different lengths: Java serialisation writes a string's length first, so
			// byte order and value order differ only then
			String id = UUID.randomUUID().toString();
			ids.add(id.substring(0, 8 + (i % 29)) + i);
		}
		return ids;
	}

	private static void insert(MongoCollection<Document> claims, List<String> ids) {
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			documents.add(new Document("_id", ids.get(i)).append("event", ids.get(i)).append("n", (long) i % 7));
		}
		claims.insertMany(documents);
	}

	private static void assertEveryKey(MongoCollection<Document> claims, List<String> ids) {
		for (int i = 0; i < ids.size(); i += 7) {
			String id = ids.get(i);
			assertThat(claims.find(Filters.eq("_id", id)).first()).isNotNull();
			assertThat(claims.find(Filters.and(Filters.eq("event", id), Filters.eq("n", (long) i % 7))).first())
				.isNotNull();
			Document repeat = new Document("_id", id).append("event", "other").append("n", 0L);
			assertThatThrownBy(() -> claims.insertOne(repeat)).isInstanceOfSatisfying(MongoWriteException.class,
					(ex) -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
						.isEqualTo(ErrorCategory.DUPLICATE_KEY));
			Document sameKey = new Document("_id", "x-" + id).append("event", id).append("n", (long) i % 7);
			assertThatThrownBy(() -> claims.insertOne(sameKey)).isInstanceOfSatisfying(MongoWriteException.class,
					(ex) -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
						.isEqualTo(ErrorCategory.DUPLICATE_KEY));
		}
		assertThat(claims.countDocuments(Filters.in("_id", ids.subList(0, 100)))).isEqualTo(100);
		assertThat(claims.find(Filters.eq("_id", "absent")).first()).isNull();
	}

	private static void withStore(MongoBackend backend, java.util.function.Consumer<MongoCollection<Document>> use) {
		MongoServer server = new MongoServer(backend);
		try {
			String address = "mongodb://127.0.0.1:" + server.bind().getPort();
			try (MongoClient client = MongoClients.create(address)) {
				use.accept(client.getDatabase("test").getCollection("claims"));
			}
		}
		finally {
			server.shutdown();
		}
	}

}
