package ler.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ler.localstack.faults.FaultSuite;

/**
 * The whole system for an end-to-end test, as the launcher of {@code ./run.sh} starts it:
 * on free ports with a fresh data directory, so it stays clear of a stack already
 * running; and the plain HTTP a user would speak to it.
 */
final class TestStack {

	private static final HttpClient http = HttpClient.newHttpClient();

	private TestStack() {
	}

	/**
	 * @param environment extra environment for the services, e.g.
	 * {@code SPRING_APPLICATION_JSON}
	 */
	static LocalStack start(String name, Map<String, String> environment) throws IOException {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, FaultSuite.freePort());
		}
		LocalStack stack = new LocalStack(
				new LocalStack.Settings(Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize(),
						Files.createTempDirectory(name), FaultSuite.freePort(), FaultSuite.freePort(),
						FaultSuite.freePort(), ports, null, null, environment));
		stack.start();
		return stack;
	}

	static HttpResponse<String> get(LocalStack stack, String service, String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static HttpResponse<String> post(LocalStack stack, String service, String path, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(stack.settings().url(service) + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
