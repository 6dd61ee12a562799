package ler.review.cases;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import ler.review.LocalMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The pointer collections over the wire against the MongoDB-wire server. */
class CaseIndexesTest {

	MongoClient client;

	CaseIndexes indexes;

	@BeforeEach
	void indexes() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		this.indexes = new CaseIndexes(
				this.client.getDatabase("indexes_" + UUID.randomUUID().toString().replace("-", "")));
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void findsTheCasesWatchingAnIdentifier() {
		UUID preservation = UUID.randomUUID();
		this.indexes.watch(CaseIndexes.PRESERVATIONS, preservation, List.of("a@example.com", "b@example.com")).block();
		this.indexes.watch(CaseIndexes.PRESERVATIONS, preservation, List.of("a@example.com")).block();
		assertThat(this.indexes.watching(CaseIndexes.PRESERVATIONS, List.of("b@example.com", "c@example.com"))
			.collectList()
			.block()).containsExactly(preservation);
		assertThat(this.indexes.watching(CaseIndexes.EMERGENCIES, List.of("b@example.com")).collectList().block())
			.isEmpty();
		this.indexes.unwatch(CaseIndexes.PRESERVATIONS, preservation, List.of("a@example.com", "b@example.com"))
			.block();
		assertThat(this.indexes.watching(CaseIndexes.PRESERVATIONS, List.of("a@example.com")).collectList().block())
			.isEmpty();
	}

	@Test
	void timersFallDueAndClear() {
		UUID id = UUID.randomUUID();
		Instant at = Instant.parse("2012-06-18T09:30:00Z");
		this.indexes.schedule(id, at).block();
		assertThat(this.indexes.dueBy(at.minusSeconds(1), 10).collectList().block()).isEmpty();
		assertThat(this.indexes.dueBy(at, 10).collectList().block()).containsExactly(id);
		this.indexes.schedule(id, null).block();
		assertThat(this.indexes.dueBy(at, 10).collectList().block()).isEmpty();
	}

	@Test
	void aMarkerReMarkedByANewerChangeSurvivesTheOlderClear() {
		UUID id = UUID.randomUUID();
		Instant now = Instant.now();
		String first = this.indexes.markPending(id, now.minusSeconds(60)).block();
		CaseIndexes.Marker read = this.indexes.pendingSince(now, 10).blockFirst();
		assertThat(read).isEqualTo(new CaseIndexes.Marker(id, first));
		this.indexes.markPending(id, now.minusSeconds(30)).block();
		this.indexes.clearPending(read).block();
		assertThat(this.indexes.pendingSince(now, 10).collectList().block()).hasSize(1);
	}

}
