package ler.platform.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Inserting where some documents exist: every new one is inserted, the existing ones are
 * named by position, and a failure that is not a duplicate key is raised.
 */
class InsertManyTest {

	// a store of its own: the invalid document below would upset the shared one
	// (LocalMongo), which other tests of this JVM check the health of
	private final MongoServer server = new MongoServer(new MemoryBackend());

	private final MongoClient client = MongoClients
		.create("mongodb://127.0.0.1:" + port(this.server) + "/?retryWrites=false");

	private final MongoCollection<Document> claims = this.client.getDatabase("platform")
		.getCollection("claims-" + UUID.randomUUID());

	@AfterEach
	void close() {
		this.client.close();
		this.server.shutdown();
	}

	@Test
	void insertsEveryNewDocumentAndNamesTheExistingOnesByPosition() {
		Mono.from(this.claims.insertMany(List.of(new Document("_id", "b"), new Document("_id", "d")))).block();
		List<Document> documents = List.of(new Document("_id", "a"), new Document("_id", "b"), new Document("_id", "c"),
				new Document("_id", "d"), new Document("_id", "e"));
		assertThat(InsertMany.duplicates(this.claims, documents).block()).containsExactly(1, 3);
		assertThat(ids()).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
		assertThat(InsertMany.duplicates(this.claims, documents).block()).containsExactly(0, 1, 2, 3, 4);
		assertThat(InsertMany.duplicates(this.claims, List.of(new Document("_id", "f"))).block()).isEmpty();
		assertThat(InsertMany.duplicates(this.claims, List.of()).block()).isEmpty();
	}

	@Test
	void aDuplicateOnASecondUniqueIndexIsAnExistingDocumentToo() {
		Mono.from(this.claims.createIndex(Indexes.ascending("event"), new IndexOptions().unique(true))).block();
		Mono.from(this.claims.insertOne(new Document("_id", 1).append("event", "x"))).block();
		assertThat(InsertMany
			.duplicates(this.claims,
					List.of(new Document("_id", 2).append("event", "x"), new Document("_id", 3).append("event", "y")))
			.block()).containsExactly(0);
		assertThat(ids()).containsExactlyInAnyOrder(1, 3);
	}

	@Test
	void aFailureOtherThanADuplicateKeyIsRaised() {
		// an array cannot be an _id: refused as invalid, not as a duplicate
		List<Document> documents = new ArrayList<>(List.of(new Document("_id", "ok")));
		documents.add(new Document("_id", List.of(1, 2)));
		assertThatExceptionOfType(MongoBulkWriteException.class)
			.isThrownBy(() -> InsertMany.duplicates(this.claims, documents).block());
		assertThat(ids()).containsExactly("ok");
	}

	private static int port(MongoServer server) {
		server.bind("127.0.0.1", 0);
		return server.getLocalAddress().getPort();
	}

	private List<Object> ids() {
		return Flux.from(this.claims.find()).map((d) -> d.get("_id")).collectList().block();
	}

}
