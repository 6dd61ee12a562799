package ler.reporting.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ler.events.RequestReceived;
import ler.reporting.statistics.Contribution;
import ler.reporting.statistics.ProjectionStore;
import ler.reporting.statistics.ProjectionStore.LogPosition;
import ler.testsupport.LocalMongo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The backlog gauges follow the counted figures, read on their own schedule. */
class BacklogMetersTest {

	final MongoClient client = MongoClients.create(LocalMongo.uri("backlog"));

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void theGaugesShowThePendingRequestsWithinARefresh() {
		ProjectionStore store = new ProjectionStore(
				this.client.getDatabase("backlog_" + UUID.randomUUID().toString().replace("-", "")));
		Clock clock = Clock.fixed(Instant.parse("2012-06-01T00:00:00Z"), ZoneOffset.UTC);
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		BacklogMeters backlog = new BacklogMeters(new LiveFigures(store, clock, Duration.ofMillis(100)), meters,
				Duration.ofMillis(200));
		backlog.follow();
		try {
			for (int i = 0; i < 3; i++) {
				UUID id = UUID.randomUUID();
				RequestReceived received = new RequestReceived(id,
						new RequestReceived.Agency("Agency", "US", "a@agency.gov"), "consumer", "CONSUMER", "SUBPOENA",
						List.of(new RequestReceived.Identifier("EMAIL", id + "@example.com")),
						Instant.parse("2012-03-01T00:00:00Z"), Instant.parse("2012-03-01T00:00:00Z"));
				store
					.apply(id, "requests", 1, new LogPosition("ler.requests", 0, i),
							Contribution.ofEvent(received).orElseThrow())
					.block();
			}
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(meters.get("ler.backlog.pending").gauge().value()).isEqualTo(3));
		}
		finally {
			backlog.destroy();
		}
	}

}
