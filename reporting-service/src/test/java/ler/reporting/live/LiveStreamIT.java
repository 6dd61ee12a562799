package ler.reporting.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live stream over real HTTP, fed through the real broker and store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 3)
class LiveStreamIT {

	static final ParameterizedTypeReference<ServerSentEvent<String>> EVENT = new ParameterizedTypeReference<>() {
	};

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		ServiceUnderTest.onLocalInfrastructure(registry, "live_stream_test");
		registry.add("ler.reporting.live.heartbeat", () -> "1s");
	}

	@LocalServerPort
	int port;

	@Autowired
	EmbeddedKafkaBroker broker;

	final EventCodec codec = new EventCodec();

	final JsonMapper json = JsonMapper.builder().build();

	@Test
	void snapshotOnConnectThenEveryChangeAndResumeFromTheLastEventId() {
		WebClient client = client(10);
		List<ServerSentEvent<String>> seen = Collections.synchronizedList(new ArrayList<>());
		Disposable first = subscribe(client, "2010", null, seen);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> figures(seen).size() >= 1);
			assertThat(requests(figures(seen).get(0))).isZero();
			String initialId = figures(seen).get(0).id();

			publish(received("GB", "2010-02-01T00:00:00Z"));
			await().atMost(Duration.ofSeconds(20)).until(() -> requests(last(figures(seen))) == 1);
			ServerSentEvent<String> one = last(figures(seen));
			assertThat(one.id()).isNotEqualTo(initialId);
			JsonNode dashboard = this.json.readTree(one.data());
			assertThat(dashboard.path("period").asString()).isEqualTo("2010");
			assertThat(dashboard.path("statistics").path("byCountry").get(0).path("key").asString()).isEqualTo("GB");
			assertThat(dashboard.path("requestsPerDay").get(0).path("day").asString()).isEqualTo("2010-02-01");
			assertThat(dashboard.path("requestsPerDay").get(0).path("count").asLong()).isEqualTo(1);
			assertThat(one.data()).doesNotContain("@example.com");
			// heartbeats keep the connection alive between changes
			await().atMost(Duration.ofSeconds(5))
				.until(() -> seen.stream().anyMatch((e) -> "heartbeat".equals(e.comment())));

			// a client that reconnects with the id it last saw is sent nothing stale:
			// its first event is the next change
			List<ServerSentEvent<String>> resumed = Collections.synchronizedList(new ArrayList<>());
			Disposable again = subscribe(client, "2010", one.id(), resumed);
			// a client with an older id gets the current state at once
			List<ServerSentEvent<String>> behind = Collections.synchronizedList(new ArrayList<>());
			Disposable late = subscribe(client, "2010", initialId, behind);
			try {
				await().atMost(Duration.ofSeconds(10)).until(() -> figures(behind).size() >= 1);
				assertThat(requests(figures(behind).get(0))).isEqualTo(1);
				await().atMost(Duration.ofSeconds(5))
					.until(() -> resumed.stream().anyMatch((e) -> "heartbeat".equals(e.comment())));
				publish(received("FR", "2010-02-02T00:00:00Z"));
				await().atMost(Duration.ofSeconds(20)).until(() -> figures(resumed).size() >= 1);
				assertThat(requests(figures(resumed).get(0))).isEqualTo(2);
			}
			finally {
				again.dispose();
				late.dispose();
			}
		}
		finally {
			first.dispose();
		}
	}

	@Test
	void hundredsOfSubscribersEachSeeTheChange() {
		int subscribers = 300;
		WebClient client = client(subscribers + 10);
		List<List<ServerSentEvent<String>>> all = new ArrayList<>();
		List<Disposable> subscriptions = new ArrayList<>();
		try {
			for (int i = 0; i < subscribers; i++) {
				List<ServerSentEvent<String>> seen = Collections.synchronizedList(new ArrayList<>());
				all.add(seen);
				subscriptions.add(subscribe(client, "2009", null, seen));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> all.stream().allMatch((s) -> !figures(s).isEmpty()));
			publish(received("DE", "2009-03-01T00:00:00Z"));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> all.stream().allMatch((s) -> requests(last(figures(s))) == 1));
		}
		finally {
			subscriptions.forEach(Disposable::dispose);
		}
	}

	@Test
	void anUnknownPeriodIsRefusedWithProblemJson() {
		var result = client(2).get()
			.uri("/api/statistics/stream?period=yesterday")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((body) -> Map.entry(response.statusCode().value(),
						response.headers().contentType().map(MediaType::toString).orElse("") + " " + body)))
			.block(Duration.ofSeconds(10));
		assertThat(result.getKey()).isEqualTo(400);
		assertThat(result.getValue()).startsWith("application/problem+json").contains("period");
	}

	private WebClient client(int connections) {
		ConnectionProvider pool = ConnectionProvider.builder("live-test")
			.maxConnections(connections)
			.pendingAcquireMaxCount(-1)
			.build();
		return WebClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultHeader("Authorization", "Bearer " + TestTokens.shared().forRole("EXECUTIVE"))
			.clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
			.build();
	}

	private Disposable subscribe(WebClient client, String period, String lastEventId,
			List<ServerSentEvent<String>> into) {
		return client.get()
			.uri("/api/statistics/stream?period={period}", period)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((h) -> {
				if (lastEventId != null) {
					h.set("Last-Event-ID", lastEventId);
				}
			})
			.retrieve()
			.bodyToFlux(EVENT)
			.subscribe(into::add);
	}

	private static List<ServerSentEvent<String>> figures(List<ServerSentEvent<String>> events) {
		synchronized (events) {
			return events.stream().filter((e) -> "figures".equals(e.event())).toList();
		}
	}

	private static ServerSentEvent<String> last(List<ServerSentEvent<String>> events) {
		return events.isEmpty() ? null : events.get(events.size() - 1);
	}

	private long requests(ServerSentEvent<String> event) {
		if (event == null) {
			return -1;
		}
		return this.json.readTree(event.data()).path("statistics").path("totals").path("requests").asLong();
	}

	private RequestReceived received(String country, String receivedAt) {
		UUID id = UUID.randomUUID();
		return new RequestReceived(id, new RequestReceived.Agency("Agency", country, "liaison@agency.gov"), "consumer",
				"CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", "x@example.com")),
				Instant.parse(receivedAt), Instant.parse(receivedAt));
	}

	private void publish(RequestReceived request) {
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
				Map.of("bootstrap.servers", this.broker.getBrokersAsString()), new ByteArraySerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>("ler.requests",
					request.requestId().toString().getBytes(StandardCharsets.UTF_8), this.codec.encode(EventEnvelope
						.wrap(UUID.randomUUID(), "/intake-service", request.requestId(), 1, Instant.now(), request))));
		}
	}

}
