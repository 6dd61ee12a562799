package ler.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import ler.localstack.store.LocalStoreBackend;

/**
 * The local MongoDB-wire store: mongo-java-server on an H2 file, so data survives a
 * restart. Runs in its own JVM; stopping it (SIGTERM) closes the file cleanly.
 */
public final class MongoStore {

	private MongoStore() {
	}

	public static void main(String[] args) throws Exception {
		Path file = Path.of(args[0]);
		int port = Integer.parseInt(args[1]);
		Files.createDirectories(file.toAbsolutePath().getParent());
		// -Dler.store.backend=library runs mongo-java-server's own H2 backend with H2's
		// defaults, as before ADR 13: for comparing the two under the same load
		MongoBackend backend = "library".equals(System.getProperty("ler.store.backend"))
				? new H2Backend(file.toString())
				: new LocalStoreBackend(file, Integer.getInteger("ler.store.cache-mb", 256),
						Integer.getInteger("ler.store.write-buffer-kb", 16 * 1024));
		MongoServer server = new MongoServer(backend);
		server.bind("127.0.0.1", port);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			stopped.countDown();
		}, "mongo-store-shutdown"));
		System.out.println("MongoDB-wire store (H2 file " + file + ") listening on 127.0.0.1:" + port);
		stopped.await();
	}

}
