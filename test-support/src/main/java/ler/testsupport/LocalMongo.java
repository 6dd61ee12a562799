package ler.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The MongoDB-wire store of the default test suite (see INFRA.md), one per test JVM. */
public final class LocalMongo {

	private static MongoServer server;

	private LocalMongo() {
	}

	/**
	 * A connection string to {@code database} on the in-memory store, started on a free
	 * local port on first use. Retryable writes are off: the store has no sessions.
	 */
	public static synchronized String uri(String database) {
		if (server == null) {
			server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
		}
		return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database + "?retryWrites=false";
	}

}
