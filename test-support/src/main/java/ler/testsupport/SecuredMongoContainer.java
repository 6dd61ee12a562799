package ler.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import com.github.dockerjava.api.command.InspectContainerResponse;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;

/**
 * MongoDB as docker compose and Kubernetes run it: a single-member replica set with
 * access control on (members authenticate with a key file), a root user for
 * administration only, and one user per service database with {@code readWrite} on that
 * database and nothing else, made by the repository's own {@code k8s/base/mongo/users.js}
 * (the script compose runs from {@code /docker-entrypoint-initdb.d}). Passwords are
 * random per container. Services connect with {@link #uri(String)}.
 */
public class SecuredMongoContainer extends GenericContainer<SecuredMongoContainer> {

	/** The root user: administration only, never a service's login. */
	public static final String ROOT = "root";

	/**
	 * Service databases and their users, as in {@code users.js}: database -> user, and
	 * the variable that script reads the user's password from.
	 */
	private static final Map<String, String[]> USERS = Map.of("ler_intake",
			new String[] { "intake-service", "MONGO_INTAKE_PASSWORD" }, "ler_review",
			new String[] { "review-service", "MONGO_REVIEW_PASSWORD" }, "ler_reporting",
			new String[] { "reporting-service", "MONGO_REPORTING_PASSWORD" }, "ler_identity",
			new String[] { "identity-service", "MONGO_IDENTITY_PASSWORD" });

	private static final int PORT = 27017;

	private final Map<String, String> passwords = new LinkedHashMap<>();

	/**
	 * A container of {@code image} (e.g. {@code mongo:8.0}) with the users above.
	 * @throws IllegalStateException when {@code k8s/base/mongo/users.js} is not found in
	 * the working directory or one of its parents (the repository's root)
	 */
	public SecuredMongoContainer(String image) {
		super(image);
		SecureRandom random = new SecureRandom();
		this.passwords.put(ROOT, secret(random));
		withEnv("MONGO_INITDB_ROOT_USERNAME", ROOT);
		withEnv("MONGO_INITDB_ROOT_PASSWORD", this.passwords.get(ROOT));
		USERS.values().forEach((user) -> {
			this.passwords.put(user[0], secret(random));
			withEnv(user[1], this.passwords.get(user[0]));
		});
		withCopyToContainer(Transferable.of(usersScript(), 0444), "/docker-entrypoint-initdb.d/10-users.js");
		// the key file must belong to mongod's user (999) and be readable by it only;
		// the image's entrypoint then creates the root user, runs users.js and starts
		// mongod
		withCommand("bash", "-c",
				"head -c 756 /dev/urandom | base64 > /tmp/keyfile && chmod 400 /tmp/keyfile && chown 999:999 /tmp/keyfile"
						+ " && exec docker-entrypoint.sh mongod --replSet rs0 --bind_ip_all --keyFile /tmp/keyfile");
		withExposedPorts(PORT);
		// once for the entrypoint's temporary server (users), once for the real one
		waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 2));
	}

	/**
	 * The connection string of the user of {@code database} (e.g. {@code ler_intake}),
	 * authenticated against that database, straight to the one member.
	 * @throws IllegalArgumentException for a database that has no service user
	 */
	public String uri(String database) {
		String[] user = USERS.get(database);
		if (user == null) {
			throw new IllegalArgumentException("no service user for database " + database + ": " + USERS.keySet());
		}
		return "mongodb://" + user[0] + ":" + this.passwords.get(user[0]) + "@" + getHost() + ":" + getMappedPort(PORT)
				+ "/" + database + "?authSource=" + database + "&directConnection=true";
	}

	/** The root user's connection string, for tests that check what others may not do. */
	public String rootUri() {
		return "mongodb://" + ROOT + ":" + this.passwords.get(ROOT) + "@" + getHost() + ":" + getMappedPort(PORT)
				+ "/admin?authSource=admin&directConnection=true";
	}

	/** A connection string without credentials. */
	public String anonymousUri() {
		return "mongodb://" + getHost() + ":" + getMappedPort(PORT) + "/?directConnection=true";
	}

	@Override
	protected void containerIsStarted(InspectContainerResponse containerInfo) {
		// initiates the replica set as compose's health check does, and waits (in the
		// shell, at most 30 s) until this member is its primary
		String script = "try { rs.status() } catch (e) { rs.initiate({_id: 'rs0', members: [{_id: 0, host: 'localhost:"
				+ PORT + "'}]}) }; let tries = 0; while (!db.hello().isWritablePrimary) {"
				+ " if (tries++ > 300) { quit(1) }; sleep(100) }";
		try {
			Container.ExecResult result = execInContainer("mongosh", "--quiet", "-u", ROOT, "-p",
					this.passwords.get(ROOT), "--authenticationDatabase", "admin", "--eval", script);
			if (result.getExitCode() != 0) {
				throw new IllegalStateException("the replica set did not come up: " + result.getStderr());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String secret(SecureRandom random) {
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** The repository's users.js, found from the working directory upwards. */
	private static String usersScript() {
		Path relative = Path.of("k8s", "base", "mongo", "users.js");
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve(relative);
			if (Files.isRegularFile(candidate)) {
				try {
					return Files.readString(candidate);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}
		throw new IllegalStateException(relative + " not found from the working directory upwards: "
				+ "run the suites inside the repository, which holds the users compose and Kubernetes create");
	}

}
