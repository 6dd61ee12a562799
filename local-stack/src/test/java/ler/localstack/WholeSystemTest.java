package ler.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The system as a user runs it: the launcher of the README's first command starts a real
 * broker, the file-backed store and the three packaged services as separate processes;
 * the test speaks HTTP only. Free ports and a fresh data directory keep it clear of a
 * stack already running.
 */
class WholeSystemTest {

	static final JsonMapper json = JsonMapper.builder().build();

	static final HttpClient http = HttpClient.newHttpClient();

	static LocalStack stack;

	@BeforeAll
	static void start() throws IOException {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, freePort());
		}
		stack = new LocalStack(new LocalStack.Settings(
				Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize(),
				Files.createTempDirectory("ler-whole-system"), freePort(), freePort(), freePort(), ports, null, null));
		stack.start();
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aRequestSubmittedAndDecidedOverHttpLandsInItsBucketAndSurvivesAKilledReportingService() throws Exception {
		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"Metropolitan Police Service","country":"GB","contactEmail":"liaison@met.police.uk"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"someone@example.com"},{"type":"ACCOUNT_ID","value":"4711"}],
				 "receivedAt":"2012-03-14T10:00:00Z"}""");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = json.readTree(accepted.body()).get("id").asString();
		assertThat(accepted.headers().firstValue("Location")).contains("/api/requests/" + id);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);
		HttpResponse<String> decided = post("review-service", "/api/reviews/" + id + "/decisions",
				"{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant covers stored email\",\"counsel\":\"counsel-1\"}");
		assertThat(decided.statusCode()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode totals = statistics().get("totals");
			assertThat(totals.get("requests").asInt()).isEqualTo(1);
			assertThat(totals.get("identifiers").asInt()).isEqualTo(2);
			assertThat(totals.get("outcomes").get("content").get("count").asInt()).isEqualTo(1);
			assertThat(totals.get("pending").asInt()).isZero();
		});
		await().atMost(Duration.ofSeconds(30))
			.until(() -> json.readTree(get("intake-service", "/api/requests/" + id).body())
				.path("status")
				.asString()
				.equals("DECIDED"));
		JsonNode before = statistics();

		stack.kill("reporting-service");
		stack.startService("reporting-service");
		stack.awaitReady("reporting-service");
		assertThat(statistics()).isEqualTo(before);

		// one more request after the restart is counted once, beside the first
		HttpResponse<String> second = post("intake-service", "/api/requests", """
				{"agency":{"name":"Police nationale","country":"FR","contactEmail":"liaison@interieur.gouv.fr"},
				 "service":"skype","customerType":"CONSUMER","legalProcess":"SUBPOENA",
				 "identifiers":[{"type":"PHONE","value":"+33 1 23 45 67 89"}]}""");
		assertThat(second.statusCode()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(statistics().get("totals").get("requests").asInt()).isEqualTo(2));
		assertThat(statistics().get("totals").get("pending").asInt()).isEqualTo(1);
	}

	private static JsonNode statistics() throws Exception {
		return json.readTree(get("reporting-service", "/api/statistics").body());
	}

	private static HttpResponse<String> get(String service, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> post(String service, String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
