package ler.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenLoopTest {

	@Test
	void sendsAtTheArrivalRateWhatEverTheAnswers() {
		AtomicInteger sent = new AtomicInteger();
		OpenLoop.Result result = OpenLoop.run(() -> {
			sent.incrementAndGet();
			return CompletableFuture.completedFuture(true);
		}, 1000, Duration.ofMillis(500), 16, Duration.ofSeconds(1));
		assertThat(result.scheduled()).isEqualTo(500);
		assertThat(sent.get()).isEqualTo(500);
		assertThat(result.succeeded()).isEqualTo(500);
		assertThat(result.seconds()).isBetween(0.45, 1.0);
	}

	@Test
	void aStallShowsInEveryOperationDueDuringItNotJustTheOneThatStalled() throws Exception {
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			AtomicInteger n = new AtomicInteger();
			// one connection; the 10th operation takes 200 ms, the others answer at once
			OpenLoop.Result result = OpenLoop.run(() -> {
				CompletableFuture<Boolean> answer = new CompletableFuture<>();
				long delay = (n.incrementAndGet() == 10) ? 200 : 0;
				timer.schedule(() -> answer.complete(true), delay, TimeUnit.MILLISECONDS);
				return answer;
			}, 200, Duration.ofMillis(1000), 1, Duration.ofSeconds(2));
			// at 200/s, 5 ms apart: about 40 operations were due during the stall, so
			// far more than 1% of 200 saw at least 100 ms; a closed loop would show one
			assertThat(result.succeeded()).isEqualTo(200);
			assertThat(result.latencyMicros().getCountBetweenValues(100_000, Long.MAX_VALUE / 2)).isGreaterThan(10);
			assertThat(result.percentileMillis(99)).isGreaterThanOrEqualTo(150);
		}
		finally {
			timer.shutdownNow();
		}
	}

	@Test
	void operationsStillOutstandingAtTheEndAreCountedAsUnfinished() {
		OpenLoop.Result result = OpenLoop.run(CompletableFuture::new, 100, Duration.ofMillis(200), 4,
				Duration.ofMillis(100));
		assertThat(result.scheduled()).isEqualTo(20);
		assertThat(result.unfinished()).isEqualTo(20);
		assertThat(result.latencyMicros().getTotalCount()).isEqualTo(20);
	}

}
