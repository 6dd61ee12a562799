package ler.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * An open-loop load generator (wrk2's model): operation {@code i} is due at
 * {@code start + i / rate}, whatever happened to the ones before, and its latency is
 * measured from that intended time, not from when it could actually be sent. A system
 * that stalls therefore shows the stall in every operation that was due during it (no
 * coordinated omission). At most {@code maxInFlight} operations are outstanding (the
 * connections of a real client); an operation waiting for one still counts its wait.
 */
final class OpenLoop {

	private OpenLoop() {
	}

	/**
	 * What one open-loop run saw.
	 *
	 * @param scheduled operations due in the run
	 * @param succeeded operations that succeeded
	 * @param failed operations that failed or were refused
	 * @param unfinished operations not finished (or not even sent) when the drain time
	 * ran out; each is in the histogram with the time until the end of the run, a lower
	 * bound of its latency
	 * @param latencyMicros latency of every scheduled operation from its intended time,
	 * microseconds
	 * @param seconds from the first intended send to the last completion
	 */
	record Result(long scheduled, long succeeded, long failed, long unfinished, Histogram latencyMicros,
			double seconds) {

		/** The latency at the percentile (e.g. 99.9), in milliseconds. */
		double percentileMillis(double percentile) {
			return this.latencyMicros.getValueAtPercentile(percentile) / 1000.0;
		}

		double succeededPerSecond() {
			return (this.seconds > 0) ? this.succeeded / this.seconds : Double.NaN;
		}

	}

	/**
	 * Runs {@code rate * duration} operations at a constant arrival rate.
	 * @param rate operations per second
	 * @param duration how long operations are scheduled
	 * @param maxInFlight operations outstanding at most
	 * @param drain how long to wait after the schedule for outstanding operations
	 */
	static Result run(Target target, double rate, Duration duration, int maxInFlight, Duration drain) {
		long count = Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
		double periodNanos = 1e9 / rate;
		Histogram latency = new ConcurrentHistogram(3);
		Semaphore inFlight = new Semaphore(maxInFlight);
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		AtomicLong lastDone = new AtomicLong();
		long start = System.nanoTime();
		lastDone.set(start);
		long deadline = start + duration.toNanos() + drain.toNanos();
		long sent = 0;
		try {
			for (long i = 0; i < count; i++) {
				long intended = start + (long) (i * periodNanos);
				long wait;
				while ((wait = intended - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
				if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
					break;
				}
				sent++;
				CompletableFuture<Boolean> operation;
				try {
					operation = target.send();
				}
				catch (RuntimeException ex) {
					operation = CompletableFuture.failedFuture(ex);
				}
				operation.whenComplete((ok, ex) -> {
					long now = System.nanoTime();
					latency.recordValue(Math.max(0, (now - intended) / 1000));
					if (ex == null && Boolean.TRUE.equals(ok)) {
						succeeded.incrementAndGet();
					}
					else {
						failed.incrementAndGet();
					}
					lastDone.accumulateAndGet(now, Math::max);
					inFlight.release();
				});
			}
			inFlight.tryAcquire(maxInFlight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		long end = System.nanoTime();
		Histogram snapshot = latency.copy();
		long done = succeeded.get() + failed.get();
		long unfinished = Math.max(0, count - done);
		// the latest-due operations get the shortest (lower-bound) latency: they are the
		// ones most likely still waiting
		for (long i = count - unfinished; i < count; i++) {
			snapshot.recordValue(Math.max(0, (end - (start + (long) (i * periodNanos))) / 1000));
		}
		long finish = (unfinished > 0) ? end : lastDone.get();
		return new Result(count, succeeded.get(), failed.get(), unfinished, snapshot, (finish - start) / 1e9);
	}

}
