package ler.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: {@code connections} workers, each sending its next
 * operation as soon as the previous one finished. It finds the throughput at saturation;
 * its latencies suffer coordinated omission, so latency at a given rate comes from
 * {@link OpenLoop}.
 */
final class ClosedLoop {

	private ClosedLoop() {
	}

	/**
	 * @param succeeded operations that succeeded within the run
	 * @param failed operations that failed
	 * @param seconds the run's length
	 * @param latencyMicros each operation's own latency (send to answer), microseconds
	 */
	record Result(long succeeded, long failed, double seconds, Histogram latencyMicros) {

		double succeededPerSecond() {
			return this.succeeded / this.seconds;
		}

		double percentileMillis(double percentile) {
			return this.latencyMicros.getValueAtPercentile(percentile) / 1000.0;
		}

	}

	static Result run(Target target, int connections, Duration duration) {
		Histogram latency = new ConcurrentHistogram(3);
		AtomicLong succeeded = new AtomicLong();
		AtomicLong failed = new AtomicLong();
		long start = System.nanoTime();
		long stopAt = start + duration.toNanos();
		List<Thread> workers = new ArrayList<>();
		for (int c = 0; c < connections; c++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < stopAt) {
					long sent = System.nanoTime();
					boolean ok;
					try {
						ok = Boolean.TRUE.equals(target.send().get(2, TimeUnit.MINUTES));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					catch (Exception ex) {
						ok = false;
					}
					long now = System.nanoTime();
					if (now > stopAt) {
						// finished after the run: not counted, as it was not timed whole
						return;
					}
					latency.recordValue((now - sent) / 1000);
					(ok ? succeeded : failed).incrementAndGet();
				}
			}, "closed-loop-" + c);
			worker.setDaemon(true);
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			try {
				worker.join(duration.toMillis() + TimeUnit.MINUTES.toMillis(3));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		return new Result(succeeded.get(), failed.get(), duration.toNanos() / 1e9, latency.copy());
	}

}
