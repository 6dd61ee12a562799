package ler.localstack;

import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The executives' dashboard as they meet it: headless Chromium (Debian's package, which
 * {@code .ci/run} installs when missing) opens the page served by the launched reporting
 * service and signs in through the launched identity provider's own pages (issue 12): an
 * executive sees the figures and their name and signs out at the provider; a liaison is
 * refused. A request submitted to intake and decided in review over HTTP (with the
 * replay's client-credentials tokens; the content disclosure approved by its second
 * client) changes the figures on the page without a reload. Screenshots are left in
 * {@code target/dashboard-*.png}.
 * <p>
 * A page that does not load fails within {@link #PAGE_LOAD} (not Chrome's 300 s), and a
 * failed test prints where the browser was, its console, the requests it sent and what
 * became of each, and the last lines of every service's log (each service logs every
 * request it answered; the logs stay in the stack's data directory); Chrome's network log
 * of that test is kept as {@code target/dashboard-<test>.netlog.json} (it opens in
 * netlog-viewer).
 */
class DashboardBrowserIT {

	static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium");

	static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver");

	/** How long a page may take to load; a hang fails within it. */
	static final Duration PAGE_LOAD = Duration.ofSeconds(60);

	/**
	 * How many of the browser's last requests, and of each log's last lines, a diagnosis
	 * shows.
	 */
	static final int REQUESTS_SHOWN = 40;

	static final int LOG_LINES_SHOWN = 40;

	static LocalStack stack;

	WebDriver browser;

	/** Chrome's network log of the current test, kept when it fails. */
	Path netLog;

	boolean failed;

	/** On a failure, while the browser is still open: what it was doing. */
	@RegisterExtension
	final TestExecutionExceptionHandler diagnose = (context, failure) -> {
		this.failed = true;
		System.err.println(diagnosis(context.getDisplayName()));
		throw failure;
	};

	@BeforeAll
	static void start() throws IOException {
		assertThat(new File(CHROMIUM).canExecute())
			.as("Chromium for the browser test: apt-get install chromium chromium-driver "
					+ "(.ci/run does), or set CHROMIUM_BIN")
			.isTrue();
		assertThat(new File(CHROMEDRIVER).canExecute())
			.as("chromedriver: apt-get install chromium-driver, or set CHROMEDRIVER_BIN")
			.isTrue();
		// deadlines are checked every half second, so the overdue figure moves; the
		// stack runs the provider, which registers this stack's dashboard; the services
		// log every request they answered (Reactor Netty's access log), for a diagnosis
		stack = TestStack.start("ler-dashboard",
				Map.of("SPRING_APPLICATION_JSON", "{\"ler\":{\"review\":{\"tick-interval\":\"500ms\"}}}",
						"JAVA_TOOL_OPTIONS", "-Dreactor.netty.http.server.accessLogEnabled=true"));
	}

	@AfterAll
	static void stop() {
		if (stack != null) {
			stack.close();
		}
	}

	/** A fresh browser per test: no session, no cookie of another test. */
	@BeforeEach
	void openBrowser() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		Path profile = Files.createTempDirectory("ler-chromium").toAbsolutePath();
		this.netLog = profile.resolve("netlog.json");
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
				"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1400,2200", "--user-data-dir=" + profile, "--log-net-log=" + this.netLog);
		options.setPageLoadTimeout(PAGE_LOAD);
		// the console and the network events (the DevTools protocol's), for a diagnosis
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		logs.enable(LogType.PERFORMANCE, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
	}

	@AfterEach
	void closeBrowser(TestInfo test) throws IOException {
		String name = "dashboard-" + test.getTestMethod().map((m) -> m.getName()).orElse("last");
		if (this.browser != null) {
			screenshot(name + ".png");
			this.browser.quit();
		}
		// Chrome completes its network log as it quits
		if (this.failed && this.netLog != null && Files.isRegularFile(this.netLog)) {
			Path kept = Path.of("target", name + ".netlog.json").toAbsolutePath();
			Files.copy(this.netLog, kept, StandardCopyOption.REPLACE_EXISTING);
			System.err.println("Chrome's network log of " + test.getDisplayName() + ": " + kept);
		}
		if (this.netLog != null) {
			Files.deleteIfExists(this.netLog);
		}
	}

	@Test
	void anExecutiveSignsInAtTheProviderSeesTheFiguresAndTheirNameAndSignsOut() throws Exception {
		signIn("/?period=2006", "executive", "demo-executive", null);
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("#connection")).isEqualTo("Live");
			assertThat(figure("requests")).isEqualTo("0");
			assertThat(text("#who")).isEqualTo("executive");
		});
		assertThat(this.browser.getCurrentUrl()).endsWith("/?period=2006");
		screenshot("dashboard-signed-in.png");
		assertThat(((JavascriptExecutor) this.browser).executeScript("return typeof Chart")).isEqualTo("function");
		// the session cookie is the server's alone; the page never holds a token
		assertThat((String) ((JavascriptExecutor) this.browser).executeScript("return document.cookie"))
			.doesNotContain("SESSION");

		this.browser.findElement(By.id("sign-out")).click();
		// signed out here and at the provider: the dashboard sends the browser back to
		// the provider's sign-in form, which no longer signs it in by itself
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.getCurrentUrl().startsWith(stack.settings().issuer() + "/login"));
		this.browser.get(stack.settings().url("reporting-service") + "/?period=2006");
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.getCurrentUrl().startsWith(stack.settings().issuer() + "/login"));
		assertThat(this.browser.findElements(By.cssSelector("[data-figure]"))).isEmpty();
	}

	@Test
	void aLiaisonSignedInAtTheProviderIsRefusedTheDashboardAndItsFigures() throws Exception {
		signIn("/?period=2005", "liaison.met", "demo-liaison-met", "C4PCCWNIR5CLQLYCO7D2XXVVLAZHE263");
		await().atMost(Duration.ofSeconds(30))
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(text("h1")).isEqualTo("Not allowed"));
		assertThat(text("#who")).isEqualTo("liaison.met");
		screenshot("dashboard-refused.png");
		assertThat(this.browser.findElements(By.cssSelector("[data-figure]"))).isEmpty();
		for (String path : new String[] { "/api/statistics", "/api/statistics/stream",
				"/api/reports/transparency?period=2012", "/dashboard.js" }) {
			assertThat(statusInThePage(path)).as(path + " with the liaison's session").isEqualTo(403L);
		}
		this.browser.findElement(By.id("sign-out")).click();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.getCurrentUrl().startsWith(stack.settings().issuer() + "/login"));
	}

	@Test
	void aRequestSubmittedAndDecidedOverTheApiMovesTheFiguresWithoutAReload() throws Exception {
		signIn("/?period=2008", "executive", "demo-executive", null);
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
			assertThat(text("#connection")).isEqualTo("Live");
			assertThat(figure("requests")).isEqualTo("0");
		});
		((JavascriptExecutor) this.browser).executeScript("window.stillTheSamePage = true");

		HttpResponse<String> accepted = post("intake-service", "/api/requests", """
				{"agency":{"name":"Federal Bureau of Investigation","country":"US","contactEmail":"agent@fbi.gov"},
				 "service":"consumer","customerType":"CONSUMER","legalProcess":"SEARCH_WARRANT",
				 "identifiers":[{"type":"EMAIL","value":"someone@example.com"},
				                {"type":"ACCOUNT_ID","value":"contoso-4711"}],
				 "receivedAt":"2008-05-05T10:00:00Z"}""");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
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
		// four eyes: the content disclosure counts once a second person approved it
		HttpResponse<String> decided = post("review-service", "/api/reviews/" + id + "/decisions",
				"{\"decision\":\"DISCLOSE_CONTENT\",\"reason\":\"warrant covers stored email\"}");
		assertThat(decided.statusCode()).as(decided.body()).isEqualTo(202);
		assertThat(TestStack
			.post(stack, "review-service", "/api/reviews/" + id + "/approvals",
					"{\"approved\":true,\"reason\":\"second pair of eyes\"}",
					TestStack.approverClient(stack).authorization())
			.statusCode()).isEqualTo(201);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			assertThat(figure("content")).isEqualTo("1");
			assertThat(figure("content-percent")).isEqualTo("100.0%");
			assertThat(figure("pending")).isEqualTo("0");
			assertThat(figure("overdue")).isEqualTo("0");
			assertThat(figure("content-us")).isEqualTo("1");
			assertThat(figure("decision-count")).isEqualTo("1");
			assertThat(this.browser.findElements(By.cssSelector("#countries tr[data-country='US']"))).hasSize(1);
		});
		assertThat(((JavascriptExecutor) this.browser).executeScript("return window.stillTheSamePage")).isEqualTo(true);
		assertThat(text("#updated")).isNotEqualTo("never");
		String page = this.browser.getPageSource();
		// an identifier no figure, size or time stamp of the page can spell by chance (a
		// bare "4711" was once found in a time's nanoseconds)
		assertThat(page).doesNotContain("someone@example.com").doesNotContain("contoso-4711");
		screenshot("dashboard.png");

		// another period shows its own figures, again without a reload
		new Select(this.browser.findElement(By.id("period"))).selectByValue("2008-H2");
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(figure("requests")).isEqualTo("0"));
		assertThat(this.browser.getCurrentUrl()).endsWith("period=2008-H2");
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
				"{\"decision\":\"NO_DATA_FOUND\",\"reason\":\"no such number\"}")
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

	/**
	 * Opens the dashboard at {@code path}, is sent to the provider's sign-in form, fills
	 * it in (and the TOTP form when the account has a second factor) and returns once the
	 * provider has sent the browser back to the dashboard.
	 */
	private void signIn(String path, String username, String password, String totpSecret) {
		String dashboard = stack.settings().url("reporting-service");
		String provider = stack.settings().issuer();
		this.browser.get(dashboard + path);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.browser.getCurrentUrl().startsWith(provider + "/login"));
		this.browser.findElement(By.name("username")).sendKeys(username);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		if (totpSecret != null) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> this.browser.getCurrentUrl().startsWith(provider + "/login/totp"));
			this.browser.findElement(By.name("code")).sendKeys(TotpCodes.totp(totpSecret, Instant.now()));
			this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> this.browser.getCurrentUrl().startsWith(dashboard + "/"));
	}

	/**
	 * Where the browser is, its console, the requests it sent (the last
	 * {@value #REQUESTS_SHOWN}) with what became of each, and the last lines of each
	 * service's log, whose whole stays in the stack's data directory.
	 */
	private String diagnosis(String test) {
		StringBuilder out = new StringBuilder("\n--- diagnosis of ").append(test).append(" ---\n");
		try {
			out.append("address: ").append(this.browser.getCurrentUrl()).append('\n');
		}
		catch (RuntimeException ex) {
			out.append("address: unknown (").append(ex.getClass().getSimpleName()).append(")\n");
		}
		try {
			out.append("console:\n");
			for (LogEntry entry : this.browser.manage().logs().get(LogType.BROWSER)) {
				out.append("  ").append(entry).append('\n');
			}
		}
		catch (RuntimeException ex) {
			out.append("  unreadable: ").append(ex).append('\n');
		}
		try {
			out.append("requests (sent at, what, answer):\n");
			List<String> requests = requests();
			requests.subList(Math.max(0, requests.size() - REQUESTS_SHOWN), requests.size())
				.forEach((line) -> out.append("  ").append(line).append('\n'));
		}
		catch (RuntimeException ex) {
			out.append("  unreadable: ").append(ex).append('\n');
		}
		Path logs = stack.settings().dataDir().resolve("logs");
		for (String service : List.of(LocalStack.IDENTITY_PROVIDER, "intake-service", "review-service",
				"reporting-service")) {
			Path log = logs.resolve(service + ".log");
			out.append("last lines of ").append(log).append(":\n");
			try {
				List<String> lines = Files.readAllLines(log);
				lines.subList(Math.max(0, lines.size() - LOG_LINES_SHOWN), lines.size())
					.forEach((line) -> out.append("  ").append(line).append('\n'));
			}
			catch (IOException | RuntimeException ex) {
				out.append("  unreadable: ").append(ex).append('\n');
			}
		}
		return out.append("--- end of diagnosis ---").toString();
	}

	/**
	 * Every request of the page, each hop of a redirect on its own, from Chrome's
	 * performance log (the DevTools protocol's network events): when it was sent, and its
	 * status, or its failure and after how long (a page load given up fails its requests
	 * as {@code net::ERR_ABORTED}), or that no answer came.
	 */
	private List<String> requests() {
		JsonMapper json = JsonMapper.builder().build();
		List<String[]> hops = new ArrayList<>();
		Map<String, String[]> current = new HashMap<>();
		Map<String, Long> sentAt = new HashMap<>();
		for (LogEntry entry : this.browser.manage().logs().get(LogType.PERFORMANCE)) {
			JsonNode message = json.readTree(entry.getMessage()).path("message");
			JsonNode params = message.path("params");
			String id = params.path("requestId").asString("");
			String[] hop = current.get(id);
			switch (message.path("method").asString("")) {
				case "Network.requestWillBeSent" -> {
					if (hop != null && params.has("redirectResponse")) {
						hop[2] = params.path("redirectResponse").path("status").asInt() + ", redirected";
					}
					String url = params.path("request").path("url").asString("");
					// not the browser's own pages (chrome://, data:)
					if (url.startsWith("http")) {
						String[] next = { Instant.ofEpochMilli(entry.getTimestamp()).toString(),
								params.path("request").path("method").asString("") + " " + url, "no answer" };
						hops.add(next);
						current.put(id, next);
						sentAt.put(id, entry.getTimestamp());
					}
				}
				case "Network.responseReceived" -> {
					if (hop != null) {
						hop[2] = String.valueOf(params.path("response").path("status").asInt());
					}
				}
				case "Network.loadingFailed" -> {
					if (hop != null) {
						hop[2] = "failed: " + params.path("errorText").asString("") + " after "
								+ Duration.ofMillis(entry.getTimestamp() - sentAt.get(id)).toMillis() + " ms";
					}
				}
				default -> {
				}
			}
		}
		return hops.stream().map((hop) -> hop[0] + "  " + hop[1] + "  -> " + hop[2]).toList();
	}

	/** The status the page's own session gets for a GET of {@code path}. */
	private Object statusInThePage(String path) {
		return ((JavascriptExecutor) this.browser)
			.executeAsyncScript("const done = arguments[arguments.length - 1];" + "const ask = new AbortController();"
					+ "fetch(arguments[0], { credentials: 'same-origin', signal: ask.signal })"
					+ ".then((r) => { ask.abort(); done(r.status); }).catch((e) => done(String(e)));", path);
	}

	private String figure(String name) {
		return text("[data-figure='" + name + "']");
	}

	private String text(String css) {
		return this.browser.findElement(By.cssSelector(css)).getText();
	}

	private void screenshot(String name) throws IOException {
		Path target = Path.of("target", name);
		Files.createDirectories(target.getParent());
		Files.write(target, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
	}

	/**
	 * A GET with the replay's client-credentials token (LIAISON of the demo agency,
	 * COUNSEL, EXECUTIVE, OPERATOR), as a program calls the services.
	 */
	private static HttpResponse<String> get(String service, String path) throws Exception {
		return TestStack.get(stack, service, path);
	}

	/** A JSON POST with the replay's token. */
	private static HttpResponse<String> post(String service, String path, String body) throws Exception {
		return TestStack.post(stack, service, path, body);
	}

}
