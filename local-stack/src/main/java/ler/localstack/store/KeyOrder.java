package ler.localstack.store;

import java.util.Iterator;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of a unique index's H2 map: stored exactly as H2's {@link ObjectDataType}
 * stores it (Java serialisation), but ordered by value with MongoDB's own comparison
 * ({@link ValueComparator}, lists compared whole) instead of by serialising both keys on
 * every comparison, which H2 does for keys it does not know and which was a third of the
 * store's CPU under load (ADR 13). Keys of other classes keep H2's order.
 */
final class KeyOrder extends ObjectDataType {

	private static final ValueComparator VALUES = ValueComparator.ascWithoutListHandling();

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
