package ler.bench;

import java.util.List;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshnessTest {

	private static final long MS = 1_000_000;

	@Test
	void theKthAcceptedRequestIsVisibleWhenTheCountGrewByK() {
		// 202s at 0, 10 and 20 ms; the count (from 100) is 101 at 15 ms and 103 at 50 ms
		Histogram freshness = Freshness.of(List.of(20 * MS, 0L, 10 * MS), 100,
				List.of(new Freshness.Observation(15 * MS, 101), new Freshness.Observation(50 * MS, 103)));
		assertThat(freshness.getTotalCount()).isEqualTo(3);
		assertThat(freshness.getMinValue()).isBetween(14_900L, 15_100L);
		assertThat(freshness.getMaxValue()).isBetween(39_900L, 40_100L);
	}

	@Test
	void aRequestCountedBeforeIts202ArrivedHasFreshnessZero() {
		Histogram freshness = Freshness.of(List.of(10 * MS), 0, List.of(new Freshness.Observation(5 * MS, 1)));
		assertThat(freshness.getMaxValue()).isZero();
	}

	@Test
	void requestsNeverSeenAreCountedApart() {
		List<Long> accepted = List.of(0L, MS, 2 * MS);
		List<Freshness.Observation> seen = List.of(new Freshness.Observation(5 * MS, 1));
		assertThat(Freshness.of(accepted, 0, seen).getTotalCount()).isEqualTo(1);
		assertThat(Freshness.unseen(accepted, 0, seen)).isEqualTo(2);
	}

}
