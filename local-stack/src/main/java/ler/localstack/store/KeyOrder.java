package ler.localstack.store;

import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's H2 map: stored compactly (or, for keys of other types,
 * as H2 stores them: Java serialisation, which is also read), and ordered by value with
 * MongoDB's own comparison ({@link ValueComparator}, lists compared whole) instead of by
 * serialising both keys on every comparison, which H2 does for keys it does not know and
 * which was a third of the store's CPU under load (ADR 13). Keys of other classes keep
 * H2's order.
 */
final class KeyOrder extends ObjectDataType {

	private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

	/**
	 * Above every tag H2's {@link ObjectDataType} writes (0 to 119) and
	 * {@link DocumentValues}'s.
	 */
	static final byte COMPACT = (byte) 0xF1;

	/**
	 * A key of strings, whole numbers, doubles, booleans, UUIDs and nulls is written as a
	 * tag, its size and each value's own tag and bytes; any other key as H2 writes it
	 * (Java serialisation), which index pages, rewritten whole at every change, spent
	 * most of their writing time on (ADR 13).
	 */
	@Override
	public void write(WriteBuffer buffer, Object key) {
		if (!(key instanceof KeyValue) || !compact((KeyValue) key)) {
			super.write(buffer, key);
			return;
		}
		KeyValue values = (KeyValue) key;
		buffer.put(COMPACT).putVarInt(values.size());
		for (Object value : values) {
			if (value == null) {
				buffer.put((byte) 'n');
			}
			else if (value instanceof String) {
				String text = (String) value;
				buffer.put((byte) 's').putVarInt(text.length()).putStringData(text, text.length());
			}
			else if (value instanceof Long) {
				buffer.put((byte) 'l').putLong((Long) value);
			}
			else if (value instanceof Integer) {
				buffer.put((byte) 'i').putInt((Integer) value);
			}
			else if (value instanceof Double) {
				buffer.put((byte) 'd').putDouble((Double) value);
			}
			else if (value instanceof Boolean) {
				buffer.put((byte) (((Boolean) value) ? 'T' : 'F'));
			}
			else {
				UUID uuid = (UUID) value;
				buffer.put((byte) 'u').putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
			}
		}
	}

	@Override
	public Object read(ByteBuffer buffer) {
		if (buffer.get(buffer.position()) != COMPACT) {
			return super.read(buffer);
		}
		buffer.get();
		int size = DataUtils.readVarInt(buffer);
		Object[] values = new Object[size];
		for (int i = 0; i < size; i++) {
			byte type = buffer.get();
			switch (type) {
				case 'n' -> values[i] = null;
				case 's' -> values[i] = DataUtils.readString(buffer);
				case 'l' -> values[i] = buffer.getLong();
				case 'i' -> values[i] = buffer.getInt();
				case 'd' -> values[i] = buffer.getDouble();
				case 'T' -> values[i] = Boolean.TRUE;
				case 'F' -> values[i] = Boolean.FALSE;
				case 'u' -> values[i] = new UUID(buffer.getLong(), buffer.getLong());
				default -> throw new IllegalStateException("an index key of an unknown form (tag " + type + ")");
			}
		}
		return new KeyValue(values);
	}

	private static boolean compact(KeyValue key) {
		for (Object value : key) {
			if (value != null && !(value instanceof String) && !(value instanceof Long) && !(value instanceof Integer)
					&& !(value instanceof Double) && !(value instanceof Boolean) && !(value instanceof UUID)) {
				return false;
			}
		}
		return true;
	}

	@Override
	public int compare(Object a, Object b) {
		if (a instanceof KeyValue && b instanceof KeyValue) {
			return compareKeys((KeyValue) a, (KeyValue) b);
		}
		return super.compare(a, b);
	}

	/**
	 * Element by element, then the shorter first.
	 * @return negative, zero or positive as {@code a} orders before, with or after
	 * {@code b}
	 */
	static int compareKeys(KeyValue a, KeyValue b) {
		Iterator<Object> left = a.iterator();
		Iterator<Object> right = b.iterator();
		while (left.hasNext() && right.hasNext()) {
			int order = VALUES.compare(left.next(), right.next());
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(a.size(), b.size());
	}

}
