package ler.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's data directory holds the store's file and the broker's log (customers'
 * identifiers) and the generated secrets: no other local user may read any of it, also
 * when it was made by an earlier version with the default permissions. The stack runs
 * where its scripts do (bash, POSIX permissions), so this runs everywhere it does.
 */
class DataDirectoryTest {

	@TempDir
	Path parent;

	@Test
	void aNewOrEarlierDataDirectoryIsTheOwnersOnly() throws Exception {
		Path fresh = this.parent.resolve("fresh").resolve(".local-stack");
		new LocalStack(settings(fresh));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");

		Path earlier = Files.createDirectories(this.parent.resolve("earlier"));
		Files.setPosixFilePermissions(earlier, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.writeString(earlier.resolve("store.h2"), "identifiers");
		new LocalStack(settings(earlier));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(earlier))).isEqualTo("rwx------");
		assertThat(earlier.resolve("store.h2")).hasContent("identifiers");
	}

	private static LocalStack.Settings settings(Path dataDir) {
		return new LocalStack.Settings(Path.of("."), dataDir, 1, 2, 3, Map.of(), null, null);
	}

}
