package ler.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the figures were measured on: cores, memory, CPU model, JDK and OS, from the JDK's
 * own APIs and, on Linux, {@code /proc} and {@code /etc/os-release}. Never a path of the
 * machine.
 */
final class Machine {

	private Machine() {
	}

	/** Markdown lines describing this machine. */
	static List<String> describe() {
		long memory = totalMemoryBytes();
		return List.of("- cores: " + Runtime.getRuntime().availableProcessors() + " (" + cpuModel() + ")", "- memory: "
				+ ((memory > 0) ? String.format(Locale.ROOT, "%.1f GiB", memory / 1024.0 / 1024 / 1024) : "unknown"),
				"- JDK: " + System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
				"- OS: " + osName() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
						+ ", " + System.getProperty("os.arch") + ")");
	}

	private static long totalMemoryBytes() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getTotalMemorySize();
		}
		return -1;
	}

	private static String cpuModel() {
		return firstValue(Path.of("/proc/cpuinfo"), "model name", ":").orElse("CPU model unknown");
	}

	private static String osName() {
		return firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", "=").map((v) -> v.replace("\"", ""))
			.orElse(System.getProperty("os.name"));
	}

	private static java.util.Optional<String> firstValue(Path file, String key, String separator) {
		try {
			if (!Files.isReadable(file)) {
				return java.util.Optional.empty();
			}
			return Files.readAllLines(file)
				.stream()
				.filter((line) -> line.startsWith(key))
				.map((line) -> line.substring(line.indexOf(separator) + 1).trim())
				.findFirst();
		}
		catch (IOException ex) {
			return java.util.Optional.empty();
		}
	}

}
