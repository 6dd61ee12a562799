package ler.localstack;

import java.io.File;
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
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executives' dashboard as they meet it: headless Chromium (Debian's package, which
 * {@code .ci/run} installs when missing) opens the page served by the launched reporting
 * service; a request submitted to intake and decided in review over HTTP changes the
 * figures on the page without a reload. The page's screenshot is left in
 * {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

	static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

	static LocalStack stack;

	static WebDriver browser;

	@BeforeAll
	static void start() throws IOException {
		assertThat(new File(CHROMIUM).canExecute())
			.as("Chromium for the browser test: apt-get install chromium chromium-driver "
					+ "(.ci/run does), or set CHROMIUM_BIN")
			.isTrue();
		assertThat(new File(CHROMEDRIVER).canExecute())
			.as("chromedriver: apt-get install chromium-driver, or set CHROMEDRIVER_BIN")
			.isTrue();
		// deadlines are checked every half second, so the overdue figure moves
		stack = TestStack.start("ler-dashboard",
				Map.of("SPRING_APPLICATION_JSON", "{\"ler\":{\"review\":{\"tick-interval\":\"500ms\"}}}"));

		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1400,2200",
				"--user-data-dir=" + Files.createTempDirectory("ler-chromium").toAbsolutePath());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		browser = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stop() {
		if (browser != null) {
			browser.quit();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aRequestSubmittedAndDecidedOverTheApiMovesTheFiguresWithoutAReload() throws Exception {
		try {
			browser.get(stack.settings().url("reporting-service") + "/?period=2008");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(text("#connection")).isEqualTo("Live");
				assertThat(figure("requests")).isEqualTo("0");
			});
			assertThat(((JavascriptExecutor) browser).executeScript("return typeof Chart")).isEqualTo("function");
			((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true");

			HttpResponse<String> accepted = post("intake-service", "/api/requests",
					"""
							{"agency":{"name":"Federal Bureau of Investigation","country":"US","contactEmail":"agent@fbi.gov"},
							 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
							 "identifiers":[{"type":"EMAIL","value":"someone@example.com"},{"type":"ACCOUNT_ID","value":"4711"}],
							 "receivedAt":"2008-05-05T10:00:00Z"}""");
			assertThat(accepted.statusCode()).isEqualTo(202);
			String id = JsonMapper.builder().build().readTree(accepted.body()).get("id").asString();

			// received in 2008 and undecided: pending, and past its 30-day deadline
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(figure("requests")).isEqualTo("1");
				assertThat(figure("identifiers")).isEqualTo("2");
				assertThat(figure("pending")).isEqualTo("1");
				assertThat(figure("overdue")).isEqualTo("1");
			});

			await().atMost(Duration.ofSeconds(30))
				.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);
			assertThat(post("review-service", "/api/reviews/" + id + "/decisions",
					"{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant covers stored email\",\"counsel\":\"counsel-1\"}")
				.statusCode()).isEqualTo(201);

			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(figure("content")).isEqualTo("1");
				assertThat(figure("content-percent")).isEqualTo("100.0%");
				assertThat(figure("pending")).isEqualTo("0");
				assertThat(figure("overdue")).isEqualTo("0");
				assertThat(figure("content-us")).isEqualTo("1");
				assertThat(figure("decision-count")).isEqualTo("1");
				assertThat(browser.findElements(By.cssSelector("#countries tr[data-country='US']"))).hasSize(1);
			});
			assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage")).isEqualTo(true);
			assertThat(text("#updated")).isNotEqualTo("never");
			String page = browser.getPageSource();
			assertThat(page).doesNotContain("someone@example.com").doesNotContain("4711");
			screenshot("dashboard.png");

			// another period shows its own figures, again without a reload
			new Select(browser.findElement(By.id("period"))).selectByValue("2008-H2");
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(figure("requests")).isEqualTo("0"));
			assertThat(browser.getCurrentUrl()).endsWith("period=2008-H2");
		}
		finally {
			screenshot("dashboard-last.png");
		}
	}

	@Test
	void eachServiceExportsItsMetricsWithBoundedTagsAndEveryMetricTheGrafanaDashboardUses() throws Exception {
		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"Police nationale","country":"FR","contactEmail":"liaison@interieur.gouv.fr"},
				 "service":"skype","customerType":"CONSUMER","legalProcess":"SUBPOENA",
				 "identifiers":[{"type":"PHONE","value":"+33 1 23 45 67 89"}],
				 "receivedAt":"2007-02-02T08:00:00Z"}""");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = JsonMapper.builder().build().readTree(accepted.body()).get("id").asString();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> get("review-service", "/api/reviews/" + id).statusCode() == 200);
		assertThat(post("review-service", "/api/reviews/" + id + "/decisions",
				"{\"decision\":\"NO_DATA_FOUND\",\"reason\":\"no such number\",\"counsel\":\"counsel-2\"}")
			.statusCode()).isEqualTo(201);

		Map<String, java.util.List<String>> required = Map.of("intake-service", java.util.List.of(
				"ler_requests_received_total{application=\"intake-service\",customer_type=\"CONSUMER\",legal_process=\"SUBPOENA\",service=\"skype\"}",
				"ler_publish_latency_seconds_bucket{application=\"intake-service\"",
				"ler_publish_failures_total{application=\"intake-service\"",
				"ler_dead_lettered_events{application=\"intake-service\",topic=\"ler.requests.dlq.intake\"}",
				"spring_cloud_stream_binder_kafka_offset{application=\"intake-service\""), "review-service",
				java.util.List.of(
						"ler_decisions_recorded_total{application=\"review-service\",decision=\"NO_DATA_FOUND\"}",
						"ler_decision_latency_seconds_bucket{application=\"review-service\",decision=\"NO_DATA_FOUND\"",
						"ler_publish_latency_seconds_bucket{application=\"review-service\"",
						"ler_publish_failures_total{application=\"review-service\"",
						"ler_dead_lettered_events{application=\"review-service\"",
						"spring_cloud_stream_binder_kafka_offset{application=\"review-service\""),
				"reporting-service",
				java.util.List.of("ler_projection_apply_seconds_bucket{application=\"reporting-service\"",
						"ler_backlog_pending{application=\"reporting-service\"}",
						"ler_backlog_overdue{application=\"reporting-service\"}",
						"ler_dead_lettered_events{application=\"reporting-service\"",
						"spring_cloud_stream_binder_kafka_offset{application=\"reporting-service\""));
		StringBuilder everything = new StringBuilder();
		for (String service : LocalStack.SERVICES) {
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
				String metrics = get(service, "/actuator/prometheus").body();
				for (String line : required.get(service)) {
					assertThat(metrics).as(service).contains(line);
				}
			});
			String metrics = get(service, "/actuator/prometheus").body();
			everything.append(metrics);
			// tag values are bounded: no request id, no email address, no phone number
			metrics.lines()
				.filter((line) -> line.startsWith("ler_"))
				.forEach((line) -> assertThat(line).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-")
					.doesNotContain("@")
					.doesNotContain("+33"));
		}
		String grafana = Files.readString(
				Path.of(System.getProperty("ler.root", "..")).resolve("ops/grafana/dashboards/ler-overview.json"));
		java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(ler_[a-z_]+|spring_cloud_[a-z_]+)")
			.matcher(grafana);
		int used = 0;
		while (names.find()) {
			assertThat(everything.toString()).as("Grafana uses " + names.group(1)).contains(names.group(1));
			used++;
		}
		assertThat(used).isGreaterThanOrEqualTo(10);
	}

	private static String figure(String name) {
		return text("[data-figure='" + name + "']");
	}

	private static String text(String css) {
		return browser.findElement(By.cssSelector(css)).getText();
	}

	private static void screenshot(String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
	}

	private static HttpResponse<String> get(String service, String path) throws Exception {
		return TestStack.get(stack, service, path);
	}

	private static HttpResponse<String> post(String service, String path, String body) throws Exception {
		return TestStack.post(stack, service, path, body);
	}

}
