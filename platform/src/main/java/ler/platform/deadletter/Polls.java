package ler.platform.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * Applies one poll of records (a batch-mode binding) so that a failure is the record's
 * alone (ADR 11, ADR 15): the records are read in order up to the first that cannot be
 * read; what was read is applied together; if that fails, it is applied again record by
 * record from the first item the batch did not report applied ({@link PartlyApplied}).
 * The first record that cannot be read or applied is named to the listener container
 * ({@link BatchListenerFailedException} with its index): every record before it is
 * applied, so the container commits them, retries that one alone, then dead-letters it
 * ({@link DeadLettersInContainerAutoConfiguration}). Items a failed batch may have
 * applied before it failed (and did not report) are applied again: applying them must be
 * idempotent. A skipped record is noted once, when the records before it are known to be
 * applied (not again when a later record's failure brings it back).
 */
public final class Polls {

	private static final Logger log = LoggerFactory.getLogger(Polls.class);

	private Polls() {
	}

	/**
	 * What a record holds: an item to apply, or nothing (e.g. an event of a type this
	 * version does not know), with what to note about it.
	 */
	public sealed interface Read<T> {

		/** An item to apply. */
		static <T> Read<T> item(T item) {
			return new Item<>(item);
		}

		/**
		 * Nothing to apply; {@code noted} (a log line, a counter) is run once the record
		 * is passed for good.
		 */
		static <T> Read<T> skip(Runnable noted) {
			return new Skip<>(noted);
		}

	}

	record Item<T>(T value) implements Read<T> {
	}

	record Skip<T>(Runnable noted) implements Read<T> {
	}

	/**
	 * Thrown by a batch that failed after applying its first {@code applied} items in
	 * order: the record-by-record pass starts after them, so they are not applied twice.
	 */
	public static final class PartlyApplied extends RuntimeException {

		private final int applied;

		/**
		 * @param applied how many of the items, from the first, are applied
		 * @param cause why the next could not be
		 */
		public PartlyApplied(int applied, Throwable cause) {
			super("applied " + applied + " items, then failed", cause);
			this.applied = applied;
		}

		/** How many of the items, from the first, are applied. */
		public int applied() {
			return this.applied;
		}

	}

	/**
	 * @param payloads the poll's records, in order
	 * @param read what a record holds; throws for a record that cannot be read
	 * @param applyAll applies items together, in order; throws when it could not
	 * ({@link PartlyApplied} to say how far it got)
	 * @param applyOne applies one item; throws when it could not
	 * @throws BatchListenerFailedException naming the first record that could not be read
	 * or applied
	 */
	public static <T> void apply(List<byte[]> payloads, Function<byte[], Read<T>> read, Consumer<List<T>> applyAll,
			Consumer<T> applyOne) {
		apply(payloads.size(), (i) -> read.apply(payloads.get(i)), applyAll, applyOne);
	}

	/**
	 * As {@link #apply(List, Function, Consumer, Consumer)}, for a reader that needs the
	 * record's index in the poll (e.g. to take its position from the batch's headers, one
	 * list per header).
	 * @param records how many records the poll holds
	 * @param read what the record at an index holds; throws for a record that cannot be
	 * read
	 */
	public static <T> void apply(int records, IntFunction<Read<T>> read, Consumer<List<T>> applyAll,
			Consumer<T> applyOne) {
		List<T> items = new ArrayList<>();
		List<Integer> itemRecords = new ArrayList<>();
		List<Integer> skipped = new ArrayList<>();
		List<Runnable> notes = new ArrayList<>();
		BatchListenerFailedException failure = null;
		for (int i = 0; i < records; i++) {
			try {
				Read<T> r = read.apply(i);
				if (r instanceof Item<T> item) {
					items.add(item.value());
					itemRecords.add(i);
				}
				else if (r instanceof Skip<T> skip) {
					skipped.add(i);
					notes.add(skip.noted());
				}
			}
			catch (RuntimeException ex) {
				failure = new BatchListenerFailedException("record " + i + " of the batch cannot be read", ex, i);
				break;
			}
		}
		if (!items.isEmpty()) {
			BatchListenerFailedException notApplied = applyAll(items, itemRecords, applyAll, applyOne);
			if (notApplied != null) {
				failure = notApplied;
			}
		}
		int passed = (failure != null) ? failure.getIndex() : records;
		for (int k = 0; k < skipped.size() && skipped.get(k) < passed; k++) {
			notes.get(k).run();
		}
		if (failure != null) {
			throw failure;
		}
	}

	/**
	 * @return null when every item is applied, else the failure of the first that is not
	 */
	private static <T> BatchListenerFailedException applyAll(List<T> items, List<Integer> records,
			Consumer<List<T>> applyAll, Consumer<T> applyOne) {
		int from = 0;
		try {
			applyAll.accept(items);
			return null;
		}
		catch (PartlyApplied ex) {
			from = Math.max(0, Math.min(ex.applied(), items.size()));
			log.warn("Applying {} records together failed after {} ({}); applying the rest one by one", items.size(),
					from, (ex.getCause() != null) ? ex.getCause().getClass().getSimpleName() : "");
		}
		catch (RuntimeException ex) {
			log.warn("Applying {} records together failed ({}); applying them one by one", items.size(),
					ex.getClass().getSimpleName());
		}
		for (int k = from; k < items.size(); k++) {
			try {
				applyOne.accept(items.get(k));
			}
			catch (RuntimeException ex) {
				return new BatchListenerFailedException("record " + records.get(k) + " of the batch cannot be applied",
						ex, records.get(k));
			}
		}
		return null;
	}

}
