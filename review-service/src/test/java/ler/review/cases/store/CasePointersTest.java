package ler.review.cases.store;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import ler.testsupport.LocalMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pointer collections over the wire against the MongoDB-wire server. */
class CasePointersTest {

	MongoClient client;

	CasePointers pointers;

	@BeforeEach
	void pointers() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		this.pointers = new CasePointers(
				this.client.getDatabase("indexes_" + UUID.randomUUID().toString().replace("-", "")));
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void findsTheCasesWatchingAnIdentifier() {
		UUID preservation = UUID.randomUUID();
		this.pointers.watch(CasePointers.PRESERVATIONS, preservation, List.of("a@example.com", "b@example.com"))
			.block();
		this.pointers.watch(CasePointers.PRESERVATIONS, preservation, List.of("a@example.com")).block();
		assertThat(this.pointers.watching(CasePointers.PRESERVATIONS, List.of("b@example.com", "c@example.com"))
			.collectList()
			.block()).containsExactly(preservation);
		assertThat(this.pointers.watching(CasePointers.EMERGENCIES, List.of("b@example.com")).collectList().block())
			.isEmpty();
		this.pointers.unwatch(CasePointers.PRESERVATIONS, preservation, List.of("a@example.com", "b@example.com"))
			.block();
		assertThat(this.pointers.watching(CasePointers.PRESERVATIONS, List.of("a@example.com")).collectList().block())
			.isEmpty();
	}

	/**
	 * Many identifiers are looked up in chunks, each identifier's watch lists kept apart.
	 */
	@Test
	void theWatchListsOfManyIdentifiersAreFoundAcrossChunks() {
		UUID preservation = UUID.randomUUID();
		UUID emergency = UUID.randomUUID();
		List<String> many = java.util.stream.IntStream.range(0, CasePointers.LOOKUP_CHUNK * 2 + 10)
			.mapToObj((i) -> "user" + i + "@example.com")
			.toList();
		this.pointers.watch(CasePointers.PRESERVATIONS, preservation, List.of(many.get(5))).block();
		this.pointers.watch(CasePointers.EMERGENCIES, emergency, List.of(many.get(CasePointers.LOOKUP_CHUNK + 7)))
			.block();
		this.pointers.watch(CasePointers.PRESERVATIONS, preservation, List.of(many.get(many.size() - 1))).block();
		var found = this.pointers.watchersByIdentifier(many).block();
		assertThat(found).containsOnlyKeys(many.get(5), many.get(CasePointers.LOOKUP_CHUNK + 7),
				many.get(many.size() - 1));
		assertThat(found.get(many.get(CasePointers.LOOKUP_CHUNK + 7)))
			.containsExactly(java.util.Map.entry(CasePointers.EMERGENCIES, List.of(emergency)));
		assertThat(this.pointers.watchersByIdentifier(List.of()).block()).isEmpty();
	}

	@Test
	void timersFallDueAndClear() {
		UUID id = UUID.randomUUID();
		Instant at = Instant.parse("2012-06-18T09:30:00Z");
		this.pointers.schedule(id, at).block();
		assertThat(this.pointers.dueBy(at.minusSeconds(1), 10).collectList().block()).isEmpty();
		assertThat(this.pointers.dueBy(at, 10).collectList().block()).containsExactly(id);
		this.pointers.schedule(id, null).block();
		assertThat(this.pointers.dueBy(at, 10).collectList().block()).isEmpty();
	}

	@Test
	void aMarkerReMarkedByANewerChangeSurvivesTheOlderClear() {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		String first = this.pointers.markPending(id, now.minusSeconds(60)).block();
		CasePointers.Marker read = this.pointers.pendingSince(now, 10).blockFirst();
		assertThat(read).isEqualTo(new CasePointers.Marker(id, first));
		this.pointers.markPending(id, now.minusSeconds(30)).block();
		this.pointers.clearPending(read).block();
		assertThat(this.pointers.pendingSince(now, 10).collectList().block()).hasSize(1);
	}

}
