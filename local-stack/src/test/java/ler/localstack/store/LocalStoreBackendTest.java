package ler.localstack.store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
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
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local store through the MongoDB driver: unique indexes ordered by value find every
 * key and refuse every duplicate, across a restart, and a file written by
 * mongo-java-server's own H2 backend (keys in byte order) is re-ordered on first open;
 * documents are stored as BSON and come back as they went in, and documents the library's
 * own backend wrote (Java serialisation) are still read and updated.
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
	void keysOfEveryCompactTypeAndOthersAreFoundAndUniqueAfterARestart() {
		Path file = this.dir.resolve("store.h2");
		List<Object> values = new ArrayList<>(List.of("text", "", 7, 7L << 33, 2.5, true, false,
				UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), new ObjectId(),
				Date.from(Instant.parse("2026-11-30T12:00:00Z")), new Document("nested", 1)));
		values.add(null);
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> {
			claims.withCodecRegistry(STANDARD_UUIDS)
				.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
			for (int i = 0; i < values.size(); i++) {
				claims.withCodecRegistry(STANDARD_UUIDS).insertOne(new Document("_id", i).append("key", values.get(i)));
			}
		});
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> {
			MongoCollection<Document> uuids = claims.withCodecRegistry(STANDARD_UUIDS);
			for (int i = 0; i < values.size(); i++) {
				Object value = values.get(i);
				assertThat(uuids.find(Filters.eq("key", value)).first()).as("%s", value)
					.isNotNull()
					.extracting((d) -> d.get("_id"))
					.isEqualTo(i);
				Document repeat = new Document("_id", 100 + i).append("key", value);
				assertRefusedAsDuplicate(uuids, repeat);
			}
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

	@Test
	void documentsOfEveryTypeComeBackAsTheyWentInAfterARestart() {
		Path file = this.dir.resolve("store.h2");
		Document written = new Document("_id", new ObjectId()).append("text", "é ü 中")
			.append("int", 7)
			.append("long", 1L << 40)
			.append("double", 2.5)
			.append("decimal", new Decimal128(new BigDecimal("12.345")))
			.append("flag", true)
			.append("none", null)
			.append("at", Date.from(Instant.parse("2026-11-30T12:00:00.123Z")))
			.append("uuid", new Binary(BsonBinarySubType.UUID_STANDARD, new byte[16]))
			.append("bytes", new Binary(new byte[] { 1, 2, 3 }))
			.append("nested", new Document("list", List.of(1L, "two", new Document("three", 3))))
			.append("empty", List.of());
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> claims.insertOne(written));
		// a cache of 1 MB: the page is read back from the file, not from memory
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> {
			assertThat(claims.find(Filters.eq("_id", written.get("_id"))).first()).isEqualTo(written);
			claims.updateOne(Filters.eq("_id", written.get("_id")), Updates.inc("long", 1L));
		});
		withStore(new LocalStoreBackend(file, 1, 64),
				(claims) -> assertThat(claims.find(Filters.eq("_id", written.get("_id"))).first().getLong("long"))
					.isEqualTo((1L << 40) + 1));
	}

	@Test
	void readsAndUpdatesDocumentsWrittenByTheLibrarysOwnBackend() {
		Path file = this.dir.resolve("store.h2");
		List<String> ids = ids();
		withStore(new H2Backend(file.toString()), (claims) -> {
			claims.createIndex(Indexes.ascending("event", "n"), new IndexOptions().unique(true));
			insert(claims, ids);
		});
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> {
			assertThat(claims.countDocuments()).isEqualTo(DOCUMENTS);
			claims.updateMany(Filters.lt("n", 3L), Updates.set("seen", true));
			insert(claims, List.of("new"));
		});
		withStore(new LocalStoreBackend(file, 1, 64), (claims) -> {
			long marked = ids.stream().filter((id) -> ids.indexOf(id) % 7 < 3).count();
			assertThat(claims.countDocuments(Filters.eq("seen", true))).isEqualTo(marked);
			assertThat(claims.countDocuments()).isEqualTo(DOCUMENTS + 1);
			assertEveryKey(claims, ids);
		});
	}

	@Test
	void aProjectionExcludingTopLevelFieldsLeavesTheStoredDocumentsWhole() {
		Path file = this.dir.resolve("store.h2");
		withStore(new LocalStoreBackend(file, 16, 1024), (cases) -> {
			List<Document> stored = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				stored.add(new Document("_id", "case-" + i).append("priority", i % 3)
					.append("request",
							new Document("country", "DE").append("identifiers",
									List.of(new Document("type", "EMAIL").append("value", "x" + i))))
					.append("events", List.of(new Document("type", "CaseOpened").append("n", i)))
					.append("outbox", List.of(new Document("event", "e" + i)))
					.append("status", "AWAITING_COUNSEL"));
			}
			cases.insertMany(stored);
			Document exclude = new Document("outbox", 0).append("events", false);
			// filter, order, skip and limit as the library applies them
			List<Document> projected = cases.find(Filters.gte("priority", 1))
				.sort(new Document("priority", -1).append("_id", 1))
				.skip(1)
				.limit(3)
				.projection(exclude)
				.into(new ArrayList<>());
			assertThat(projected).extracting((d) -> d.getString("_id")).containsExactly("case-5", "case-1", "case-4");
			for (Document d : projected) {
				Document whole = stored.stream()
					.filter((s) -> s.get("_id").equals(d.get("_id")))
					.findFirst()
					.orElseThrow();
				Document expected = new Document(whole);
				expected.remove("outbox");
				expected.remove("events");
				assertThat(d).isEqualTo(expected);
				assertThat(d.keySet()).containsExactly("_id", "priority", "request", "status");
			}
			// the stored documents keep every field: the copy was the query's own
			assertThat(cases.find().sort(new Document("_id", 1)).into(new ArrayList<>())).isEqualTo(stored);
			// any other projection is the library's
			assertThat(
					cases.find(Filters.eq("_id", "case-2")).projection(new Document("request.identifiers", 0)).first())
				.isEqualTo(new Document("_id", "case-2").append("priority", 2)
					.append("request", new Document("country", "DE"))
					.append("events", List.of(new Document("type", "CaseOpened").append("n", 2)))
					.append("outbox", List.of(new Document("event", "e2")))
					.append("status", "AWAITING_COUNSEL"));
			assertThat(cases.find(Filters.eq("_id", "case-2")).projection(new Document("status", 1)).first())
				.isEqualTo(new Document("_id", "case-2").append("status", "AWAITING_COUNSEL"));
		});
	}

	@Test
	void aQueryNamingTheIdAndMoreFieldsIsAnsweredThroughTheIdIndex() {
		LocalStoreBackend backend = new LocalStoreBackend(this.dir.resolve("store.h2"), 16, 1024);
		List<String> ids = ids();
		withStore(backend, (claims) -> {
			insert(claims, ids);
			LocalCollection collection = (LocalCollection) backend.resolveDatabase("test")
				.resolveCollection("claims", true);
			long before = collection.documentsExamined();
			String id = ids.get(42);
			// a compare-and-set: the version (here n) must be the one read
			assertThat(claims.find(Filters.and(Filters.eq("_id", id), Filters.eq("n", 0L))).first())
				.isEqualTo(new Document("_id", id).append("event", id).append("n", 0L));
			assertThat(claims.find(Filters.and(Filters.eq("_id", id), Filters.eq("n", 1L))).first()).isNull();
			assertThat(collection.documentsExamined() - before).as("finds").isEqualTo(2);
			assertThat(claims.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("n", 0L)), Updates.set("n", 1L))
				.getMatchedCount()).isEqualTo(1);
			assertThat(claims.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("n", 0L)), Updates.set("n", 2L))
				.getMatchedCount()).as("the second writer with the same version loses").isZero();
			assertThat(claims.find(Filters.eq("_id", id)).first().getLong("n")).isEqualTo(1L);
			assertThat(collection.documentsExamined() - before).as("finds and updates").isLessThanOrEqualTo(5);
			assertThat(claims.find(Filters.and(Filters.in("_id", ids.subList(0, 14)), Filters.eq("n", 3L)))
				.into(new ArrayList<>())).hasSize(2);
			assertThat(claims.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("n", 1L))).getDeletedCount())
				.isEqualTo(1);
			// the library's index took only queries naming exactly its keys, and scanned
			// all 3,000 documents for each of these
			assertThat(collection.documentsExamined() - before).as("all").isLessThanOrEqualTo(5 + 14 + 1);
			// an _id condition the index cannot look up still scans, and still answers
			assertThat(claims.find(Filters.and(Filters.gt("_id", ""), Filters.eq("n", 3L))).into(new ArrayList<>()))
				.hasSize((int) java.util.stream.IntStream.range(0, ids.size()).filter((i) -> i % 7 == 3).count());
		});
	}

	@Test
	void onlyTopLevelExclusionsAreCopiedShallowly() {
		assertThat(LocalCollection.topLevelExclusions(
				new de.bwaldvogel.mongo.bson.Document("outbox", 0).append("events", false).append("_id", 0L)))
			.containsExactlyInAnyOrder("outbox", "events", "_id");
		assertThat(LocalCollection.topLevelExclusions(null)).isNull();
		assertThat(LocalCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document())).isNull();
		assertThat(LocalCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("a.b", 0))).isNull();
		assertThat(LocalCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("a", 1))).isNull();
		assertThat(LocalCollection.topLevelExclusions(new de.bwaldvogel.mongo.bson.Document("a", 0).append("b", true)))
			.isNull();
		assertThat(LocalCollection.topLevelExclusions(
				new de.bwaldvogel.mongo.bson.Document("a", new de.bwaldvogel.mongo.bson.Document("$slice", 1))))
			.isNull();
	}

	private static final org.bson.codecs.configuration.CodecRegistry STANDARD_UUIDS = org.bson.codecs.configuration.CodecRegistries
		.fromRegistries(
				org.bson.codecs.configuration.CodecRegistries
					.fromCodecs(new org.bson.codecs.UuidCodec(org.bson.UuidRepresentation.STANDARD)),
				com.mongodb.MongoClientSettings.getDefaultCodecRegistry());

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
			assertRefusedAsDuplicate(claims, repeat);
			Document sameKey = new Document("_id", "x-" + id).append("event", id).append("n", (long) i % 7);
			assertRefusedAsDuplicate(claims, sameKey);
		}
		assertThat(claims.countDocuments(Filters.in("_id", ids.subList(0, 100)))).isEqualTo(100);
		assertThat(claims.find(Filters.eq("_id", "absent")).first()).isNull();
	}

	private static void assertRefusedAsDuplicate(MongoCollection<Document> collection, Document document) {
		assertThatThrownBy(() -> collection.insertOne(document)).as("%s", document)
			.isInstanceOfSatisfying(MongoWriteException.class,
					(ex) -> assertThat(ErrorCategory.fromErrorCode(ex.getCode()))
						.isEqualTo(ErrorCategory.DUPLICATE_KEY));
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
