package ler.localstack.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of a collection's H2 map: a document is written as its BSON bytes
 * (mongo-java-server's own wire codec) behind a tag byte H2 does not use, instead of Java
 * serialisation, which was most of the cost of every page the store wrote or read (ADR
 * 13). A value written before (any of H2's own tags) is still read as H2 reads it, so a
 * file from an earlier version needs no migration: its pages take the new form as they
 * are rewritten. Values that are not documents keep H2's form.
 */
final class DocumentValues extends ObjectDataType {

	/** Above every tag H2's {@link ObjectDataType} writes (0 to 119). */
	static final byte BSON = (byte) 0xF0;

	private static final int TRIES = 1_000;

	@Override
	public void write(WriteBuffer buffer, Object value) {
		ByteBuf bson = (value instanceof Document) ? encode((Document) value) : null;
		if (bson == null) {
			super.write(buffer, value);
			return;
		}
		try {
			buffer.put(BSON);
			buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), bson.readableBytes());
		}
		finally {
			bson.release();
		}
	}

	/**
	 * The document's BSON, or null if it could not be had. mongo-java-server updates a
	 * stored document in place (under its collection's lock, not H2's) and then puts it
	 * again, so the page writer can meet one mid-change: the encoder's iterator fails
	 * ({@link java.util.ConcurrentModificationException}) and the write is tried again
	 * once the change is done; the put that follows the change marks the page for the
	 * next write anyway. Only after {@value #TRIES} tries is the value left to H2's own
	 * form, as the library's backend always did.
	 */
	private static ByteBuf encode(Document document) {
		for (int attempt = 0; attempt < TRIES; attempt++) {
			ByteBuf bson = Unpooled.buffer(256);
			try {
				BsonEncoder.encodeDocument(document, bson);
				return bson;
			}
			catch (RuntimeException ex) {
				bson.release();
				Thread.yield();
			}
		}
		return null;
	}

	@Override
	public Object read(ByteBuffer buffer) {
		int at = buffer.position();
		if (buffer.get(at) != BSON) {
			return super.read(buffer);
		}
		// a BSON document starts with its own length, little-endian, itself included
		int length = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(at + 1);
		ByteBuffer bytes = buffer.duplicate();
		bytes.position(at + 1).limit(at + 1 + length);
		buffer.position(at + 1 + length);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
	}

	/**
	 * An estimate of a document's footprint on the heap, for H2's page cache and page
	 * splits, without encoding it (H2's own estimate of an object it serialises is the
	 * running average of what it serialised, which a BSON-written document never feeds).
	 */
	@Override
	public int getMemory(Object value) {
		if (value instanceof Document) {
			try {
				return (int) Math.min(Integer.MAX_VALUE, estimate(value));
			}
			catch (RuntimeException ex) {
				// changed while measured (see encode): an estimate is all that is asked
				return 1024;
			}
		}
		return super.getMemory(value);
	}

	private static long estimate(Object value) {
		if (value instanceof Map) {
			long size = 64;
			for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
				size += 48 + estimate(entry.getKey()) + estimate(entry.getValue());
			}
			return size;
		}
		if (value instanceof Collection) {
			long size = 40;
			for (Object element : (Collection<?>) value) {
				size += 8 + estimate(element);
			}
			return size;
		}
		if (value instanceof CharSequence) {
			return 48 + ((CharSequence) value).length();
		}
		if (value instanceof byte[]) {
			return 16 + ((byte[]) value).length;
		}
		return 24;
	}

}
