package ler.localstack.store;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A document changed in place while H2's page writer encodes it (mongo-java-server does
 * that to some stored documents) is still written, never fails the write: a failed page
 * write closes the whole store.
 */
class DocumentValuesTest {

	@Test
	void aDocumentChangedWhileWrittenIsStillWrittenAndReadable() throws Exception {
		DocumentValues values = new DocumentValues();
		Document document = new Document("_id", "case");
		for (int i = 0; i < 50; i++) {
			document.put("field" + i, "value" + i);
		}
		AtomicBoolean stop = new AtomicBoolean();
		Thread changer = new Thread(() -> {
			// as mongo-java-server changes a stored document: a few fields at a time,
			// then
			// it is done until the next update of that document
			long n = 0;
			while (!stop.get()) {
				for (int i = 0; i < 10; i++, n++) {
					document.put("moving" + (n % 10), n);
					document.remove("moving" + ((n + 5) % 10));
				}
				java.util.concurrent.locks.LockSupport.parkNanos(200_000);
			}
		});
		changer.start();
		try {
			for (int i = 0; i < 5_000; i++) {
				WriteBuffer buffer = new WriteBuffer();
				values.write(buffer, document);
				ByteBuffer written = buffer.getBuffer();
				written.flip();
				Object read = values.read(written);
				assertThat(read).isInstanceOf(Document.class);
				assertThat(((Document) read).get("field49")).isEqualTo("value49");
				assertThat(written.hasRemaining()).isFalse();
			}
		}
		finally {
			stop.set(true);
			changer.join();
		}
	}

	@Test
	void aDocumentIsWrittenAsBsonAndOtherValuesAsH2WritesThem() {
		DocumentValues values = new DocumentValues();
		WriteBuffer buffer = new WriteBuffer();
		values.write(buffer, new Document("a", 1L));
		values.write(buffer, 42L);
		ByteBuffer written = buffer.getBuffer();
		written.flip();
		assertThat(written.get(0)).isEqualTo(DocumentValues.BSON);
		assertThat(values.read(written)).isEqualTo(new Document("a", 1L));
		assertThat(values.read(written)).isEqualTo(42L);
	}

}
