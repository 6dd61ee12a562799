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

import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

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
		this.updater.onRequestEvent(MessageBuilder.withPayload(newer).build());
		this.updater.onReviewEvent(MessageBuilder.withPayload(newer).build());
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
		this.updater.onRequestEvent(MessageBuilder
			.withPayload(
					this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 1, at, received)))
			.build());
		DecisionRecorded decided = new DecisionRecorded(id, "DISCLOSE_NON_CONTENT", "valid subpoena", "counsel-1", at,
				null, new RequestSummary("GB", "consumer", "CONSUMER", "SUBPOENA", 1, at));
		this.updater.onReviewEvent(MessageBuilder
			.withPayload(
					this.codec.encode(EventEnvelope.wrap(UUID.randomUUID(), "/review-service", id, 1, at, decided)))
			.build());
		var status = this.views.find(id).block();
		assertThat(status.status()).isEqualTo("DECIDED");
		assertThat(status.review().decision().decision()).isEqualTo("DISCLOSE_NON_CONTENT");
		assertThat(this.meters.counter("ler.view.skipped", "stream", "requests").count()).isZero();
	}

	@Test
	void thePublishTimeoutOutlastsTheProducersOwnLimits() {
		assertThat(RequestEventPublisher.timeout(5000, 10000, Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(17));
	}

}
