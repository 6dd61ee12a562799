package ler.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ids this system mints are RFC 9562 version 7 UUIDs: the layout of section 5.7, and
 * the order (as strings too, which is how the stores key them) that ADR 14 relies on.
 */
class TimeOrderedIdsTest {

	@Test
	void idsAreVersion7WithTheVariantOfRfc9562AndTheirTimeInTheFirst48Bits() {
		long before = Instant.now().toEpochMilli();
		UUID id = TimeOrderedIds.next();
		long after = Instant.now().toEpochMilli();
		assertThat(id.version()).isEqualTo(7);
		assertThat(id.variant()).isEqualTo(2);
		long millis = id.getMostSignificantBits() >>> 16;
		assertThat(millis).isBetween(before, after);
	}

	@Test
	void idsMintedOneAfterAnotherSortInThatOrderAsUuidsAndAsStrings() {
		List<UUID> minted = new ArrayList<>();
		// tens of thousands: many land in the same millisecond, where the counter orders
		// them
		for (int i = 0; i < 50_000; i++) {
			minted.add(TimeOrderedIds.next());
		}
		assertThat(new HashSet<>(minted)).hasSize(minted.size());
		assertThat(minted).isSortedAccordingTo(Comparator.naturalOrder());
		assertThat(minted.stream().map(UUID::toString).toList()).isSorted();
	}

	@Test
	void idsMintedOnManyThreadsAreAllDistinct() throws InterruptedException {
		ConcurrentLinkedQueue<UUID> minted = new ConcurrentLinkedQueue<>();
		List<Thread> threads = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			threads.add(new Thread(() -> {
				for (int i = 0; i < 10_000; i++) {
					minted.add(TimeOrderedIds.next());
				}
			}));
		}
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		assertThat(new HashSet<>(minted)).hasSize(80_000);
	}

}
