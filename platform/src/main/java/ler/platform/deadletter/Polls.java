package ler.platform.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Applies one poll of records (a batch-mode binding) so that a failure is the record's
 * alone (ADR 11): the records are read in order up to the first that cannot be read; what
 * was read is applied together; if that fails, it is applied again record by record. The
 * first record that cannot be read or applied is named to the listener container
 * ({@link BatchListenerFailedException} with its index): every record before it is
 * applied, so the container commits them, retries that one alone, then dead-letters it
 * ({@link DeadLettersInContainerAutoConfiguration}). Applying must therefore be
 * idempotent: records applied together and then again one by one change nothing twice.
 */
public final class Polls {

	private static final Logger log = LoggerFactory.getLogger(Polls.class);

	private Polls() {
	}

	/**
	 * @param payloads the poll's records, in order
	 * @param read a record's item; empty for a record with nothing to apply (e.g. of a
	 * type this version does not know); throws for a record that cannot be read
	 * @param applyAll applies items together, in order; throws when it could not
	 * @param applyOne applies one item; throws when it could not
	 * @throws BatchListenerFailedException naming the first record that could not be read
	 * or applied
	 */
	public static <T> void apply(List<byte[]> payloads, Function<byte[], Optional<T>> read, Consumer<List<T>> applyAll,
			Consumer<T> applyOne) {
		List<T> items = new ArrayList<>();
		List<Integer> records = new ArrayList<>();
		BatchListenerFailedException unreadable = null;
		for (int i = 0; i < payloads.size(); i++) {
			try {
				Optional<T> item = read.apply(payloads.get(i));
				if (item.isPresent()) {
					items.add(item.get());
					records.add(i);
				}
			}
			catch (RuntimeException ex) {
				unreadable = new BatchListenerFailedException("record " + i + " of the batch cannot be read", ex, i);
				break;
			}
		}
		if (!items.isEmpty()) {
			applyAll(items, records, applyAll, applyOne);
		}
		if (unreadable != null) {
			throw unreadable;
		}
	}

	private static <T> void applyAll(List<T> items, List<Integer> records, Consumer<List<T>> applyAll,
			Consumer<T> applyOne) {
		try {
			applyAll.accept(items);
			return;
		}
		catch (RuntimeException ex) {
			log.warn("Applying {} records together failed ({}); applying them one by one", items.size(),
					ex.getClass().getSimpleName());
		}
		for (int k = 0; k < items.size(); k++) {
			try {
				applyOne.accept(items.get(k));
			}
			catch (RuntimeException ex) {
				throw new BatchListenerFailedException("record " + records.get(k) + " of the batch cannot be applied",
						ex, records.get(k));
			}
		}
	}

}
