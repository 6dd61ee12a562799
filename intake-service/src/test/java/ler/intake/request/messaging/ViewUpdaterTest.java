package ler.intake.request.messaging;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ler.events.DecisionRecorded;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.testsupport.LocalMongo;
import ler.intake.request.RequestViews;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The view updater against the MongoDB-wire store, fed as the binder feeds it. */
class ViewUpdaterTest {

	final EventCodec codec = new EventCodec();

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	MongoClient client;

	MongoDatabase database;

	RequestViews views;

	ViewUpdater updater;

	@BeforeEach
	void store() throws Exception {
		this.client = MongoClients.create(LocalMongo.uri("updater"));
		this.database = this.client.getDatabase("updater_" + UUID.randomUUID().toString().replace("-", ""));
		Constructor<RequestViews> constructor = RequestViews.class.getDeclaredConstructor(MongoDatabase.class);
		constructor.setAccessible(true);
		this.views = constructor.newInstance(this.database);
		this.updater = new ViewUpdater(this.codec, this.views, this.meters);
	}

	@AfterEach
	void close() {
		Mono.from(this.database.drop()).block(Duration.ofSeconds(10));
		this.client.close();
	}

	@Test
	void skipsAndCountsAnEventTypeFromANewerProducer() {
		byte[] newer = ("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/intake-service\",\"type\":\"RequestEscalated\","
				+ "\"subject\":\"" + UUID.randomUUID() + "\",\"data\":{}}")
			.getBytes(StandardCharsets.UTF_8);
		this.updater.onRequestEvents(poll(newer));
		this.updater.onReviewEvents(poll(newer));
		assertThat(this.meters.counter("ler.view.skipped", "stream", "requests").count()).isEqualTo(1.0);
		assertThat(this.meters.counter("ler.view.skipped", "stream", "decisions").count()).isEqualTo(1.0);
	}

	@Test
	void appliesBothStreamsToTheView() {
		UUID id = UUID.randomUUID();
		Instant at = Instant.parse("2012-03-20T09:30:00Z");
		RequestReceived received = new RequestReceived(id, new RequestReceived.Agency("Met", "GB", "a@police.uk"),
				"consumer", "CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")),
				Instant.parse("2012-03-14T10:00:00Z"), at);
		this.updater.onRequestEvents(
				poll(this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, at, received))));
		DecisionRecorded decided = new DecisionRecorded(id, "DISCLOSE_NON_CONTENT", "valid subpoena", "counsel-1", at,
				null, new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 1, at));
		this.updater.onReviewEvents(
				poll(this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, 1, at, decided))));
		var status = this.views.find(id).block();
		assertThat(status.status()).isEqualTo("DECIDED");
		assertThat(status.review().decision().decision()).isEqualTo("DISCLOSE_NON_CONTENT");
		assertThat(this.meters.counter("ler.view.skipped", "stream", "requests").count()).isZero();
	}

	/**
	 * A poll's writes go together and end as one by one would; a record that cannot be
	 * read is named to the container by its index, with every record before it written
	 * and none after it.
	 */
	@Test
	void aPollIsWrittenTogetherUpToTheFirstRecordThatCannotBeRead() {
		Instant at = Instant.parse("2012-03-20T09:30:00Z");
		UUID first = UUID.randomUUID();
		UUID second = UUID.randomUUID();
		UUID after = UUID.randomUUID();
		byte[] decidedLate = decided(first, 3, "REJECT", at.plusSeconds(60));
		List<byte[]> records = List.of(decidedLate, decided(first, 1, "SEEK_CUSTOMER_CONSENT", at),
				decided(second, 1, "DISCLOSE_NON_CONTENT", at), decidedLate,
				"not an event".getBytes(StandardCharsets.UTF_8), decided(after, 1, "REJECT", at));
		assertThatThrownBy(() -> this.updater.onReviewEvents(poll(records.toArray(byte[][]::new))))
			.isInstanceOfSatisfying(BatchListenerFailedException.class, (ex) -> assertThat(ex.getIndex()).isEqualTo(4));
		// the newest decision wins whatever the order, a repeat changes nothing
		assertThat(reviewOf(first).getString("decision")).isEqualTo("REJECT");
		assertThat(reviewOf(second).getString("decision")).isEqualTo("DISCLOSE_NON_CONTENT");
		assertThat(Mono
			.from(this.database.getCollection("requests").find(new org.bson.Document("_id", after.toString())).first())
			.blockOptional()).isEmpty();
		assertThat(this.meters.summary("ler.view.batch").totalAmount()).isEqualTo(4);
	}

	private byte[] decided(UUID id, long sequence, String decision, Instant at) {
		DecisionRecorded decided = new DecisionRecorded(id, decision, "reason", "counsel-1", at, null,
				new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 1, at));
		return this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, sequence, at, decided));
	}

	private org.bson.Document reviewOf(UUID id) {
		org.bson.Document view = Mono
			.from(this.database.getCollection("requests").find(new org.bson.Document("_id", id.toString())).first())
			.block();
		return view.get("review", org.bson.Document.class)
			.get("decision", org.bson.Document.class)
			.get("value", org.bson.Document.class);
	}

	private static org.springframework.messaging.Message<List<byte[]>> poll(byte[]... records) {
		return MessageBuilder.withPayload(List.of(records)).build();
	}

	@Test
	void thePublishTimeoutOutlastsTheProducersOwnLimits() {
		assertThat(RequestEventPublisher.timeout(5000, 10000, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(17));
	}

}
