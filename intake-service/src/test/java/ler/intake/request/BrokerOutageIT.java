package ler.intake.request;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** When the broker is gone, intake says so quickly and records nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
@DirtiesContext
class BrokerOutageIT {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "intake_outage_test");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoDatabase database;

	@Test
	void answers503WithinSecondsAndRecordsNothingWhenTheBrokerIsDown() {
		WebTestClient http = ler.testsupport.ServiceUnderTest.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestTokens.shared().forRole("LIAISON"))
			.responseTimeout(Duration.ofSeconds(60))
			.build();
		String body = IntakeHttpIT.VALID.formatted("outage");
		http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isAccepted();
		long viewsBefore = count("requests");

		this.broker.destroy();

		String key = "outage-" + UUID.randomUUID();
		long started = System.nanoTime();
		http.post()
			.uri("/api/requests")
			.contentType(MediaType.APPLICATION_JSON)
			.header("Idempotency-Key", key)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After")
			.expectBody(Map.class);
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		assertThat(took).isLessThan(Duration.ofSeconds(20));

		assertThat(count("requests")).isEqualTo(viewsBefore);
		// stored under the caller's scope (agency and account)
		Document claim = Mono
			.from(this.database.getCollection("idempotency_keys")
				.find(Filters.eq("_id", IdempotencyKeys.scoped(new Submitter(TestTokens.AGENCY, "liaison-a"), key)))
				.first())
			.block();
		// the claim stays unpublished, so a retry with the same key publishes the same
		// event once
		assertThat(claim).isNotNull();
		assertThat(claim.getBoolean("published")).isFalse();
	}

	private long count(String collection) {
		return Flux.from(this.database.getCollection(collection).countDocuments()).blockFirst();
	}

}
