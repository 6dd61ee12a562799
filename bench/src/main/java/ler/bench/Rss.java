package ler.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resident set size of a process, from {@code VmRSS} in Linux's
 * {@code /proc/<pid>/status}.
 */
final class Rss {

	private Rss() {
	}

	/** RSS in MB (2^20 bytes), or NaN when the process is gone or there is no /proc. */
	static double megabytes(ProcessHandle process) {
		Path status = Path.of("/proc", String.valueOf(process.pid()), "status");
		try {
			for (String line : Files.readAllLines(status)) {
				if (line.startsWith("VmRSS:")) {
					// "VmRSS: 352812 kB"
					String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
					return Long.parseLong(kb) / 1024.0;
				}
			}
			return Double.NaN;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

}
