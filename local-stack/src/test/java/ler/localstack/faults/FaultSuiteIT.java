package ler.localstack.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import ler.localstack.LocalStack;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault suite with short phases: kill -9 of each service, a second reporting instance
 * taking over from a killed first, a broker restart, all under load; nothing lost or
 * counted twice.
 */
class FaultSuiteIT {

	@Test
	void nothingIsLostOrCountedTwiceUnderCrashesFailoverAndABrokerRestart() throws Exception {
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String service : LocalStack.SERVICES) {
			ports.put(service, FaultSuite.freePort());
		}
		// the provider the suite takes its client-credentials tokens from
		ports.put(LocalStack.IDENTITY_PROVIDER, FaultSuite.freePort());
		try (LocalStack stack = new LocalStack(new LocalStack.Settings(root(), Files.createTempDirectory("ler-faults"),
				FaultSuite.freePort(), FaultSuite.freePort(), FaultSuite.freePort(), ports, null, null))) {
			stack.start();
			FaultSuite.Result result = new FaultSuite(stack).run(Duration.ofSeconds(6), 3);
			result.timeline().forEach((line) -> System.out.println("  " + line));
			result.figures().forEach((name, value) -> System.out.printf("%-40s %d%n", name, value));
			assertThat(result.figures().get("requests acknowledged by intake")).isPositive();
			assertThat(result.figures().get("duplicates")).isZero();
			assertThat(result.figures().get("losses")).isZero();
			assertThat(result.exact()).as(result.figures().toString()).isTrue();
		}
	}

	private static Path root() throws IOException {
		return Path.of(System.getProperty("ler.root", "..")).toAbsolutePath().normalize();
	}

}
