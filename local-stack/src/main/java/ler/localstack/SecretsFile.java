package ler.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Values the local stack keeps in an owner-only properties file of its data directory
 * (passwords, secrets): read when the file holds them, otherwise made once and written,
 * so they survive restarts and are never in the repository.
 */
final class SecretsFile {

	private static final SecureRandom RANDOM = new SecureRandom();

	private SecretsFile() {
	}

	/**
	 * The values named in {@code makers}, from {@code file}; each one missing is made by
	 * its maker and the file rewritten (created readable by its owner only).
	 * @param comment the file's first line
	 * @return the values, in the makers' order
	 * @throws UncheckedIOException when the file cannot be read or written
	 */
	static Map<String, String> readOrMake(Path file, Map<String, Supplier<String>> makers, String comment) {
		try {
			Properties stored = new Properties();
			if (Files.exists(file)) {
				try (Reader reader = Files.newBufferedReader(file)) {
					stored.load(reader);
				}
			}
			Map<String, String> values = new LinkedHashMap<>();
			boolean changed = false;
			for (var maker : makers.entrySet()) {
				String value = stored.getProperty(maker.getKey());
				if (value == null) {
					value = maker.getValue().get();
					stored.setProperty(maker.getKey(), value);
					changed = true;
				}
				values.put(maker.getKey(), value);
			}
			if (changed) {
				Files.createDirectories(file.getParent());
				if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
					Files.createFile(file,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				}
				try (Writer writer = Files.newBufferedWriter(file)) {
					stored.store(writer, comment);
				}
			}
			return values;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** 32 random bytes (SecureRandom), URL-safe Base64 without padding: 43 characters. */
	static String random() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
