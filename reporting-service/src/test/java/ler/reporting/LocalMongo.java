package ler.reporting;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/** The MongoDB-wire store of the default test suite (see INFRA.md), one per test JVM. */
public final class LocalMongo {

	private static MongoServer server;

	private LocalMongo() {
	}

	public static synchronized String uri(String database) {
		if (server == null) {
			server = new MongoServer(new MemoryBackend());
			server.bind("127.0.0.1", 0);
		}
		return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort() + "/" + database + "?retryWrites=false";
	}

}
