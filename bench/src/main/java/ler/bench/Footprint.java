package ler.bench;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ler.localstack.LocalStack;
import ler.localstack.faults.FaultSuite;

/**
 * Measurement 6, memory and start-up. Memory: the resident set size ({@link Rss}) of each
 * of the stack's processes, sampled every 500 ms; at idle (after the warm-up, before any
 * load: the median of one sample per run) and under load (the peak over the load
 * measurements 1 to 5 run in this benchmark, on the first stack and on measurement 5's
 * own, by process name, without either stack's start-up and warm-up; a second reporting
 * instance serving the rebuild shows as {@code reporting-rebuild}). Start-up: each run
 * starts one more instance of each service on a free port and times it until its
 * readiness probe answers 200, then kills it; the stack's own start-up (broker, store,
 * provider and the three services, until all are ready) is measured once, when the
 * benchmark starts it.
 */
final class Footprint implements AutoCloseable {

	private volatile LocalStack stack;

	private final Map<String, Double> peak = new ConcurrentHashMap<>();

	private volatile boolean sampling;

	private final Thread sampler;

	private volatile boolean closed;

	Footprint(LocalStack stack) {
		this.stack = stack;
		this.sampler = new Thread(this::sample, "rss-sampler");
		this.sampler.setDaemon(true);
		this.sampler.start();
	}

	/** Each process's RSS now, MB. */
	Map<String, Double> now() {
		Map<String, Double> rss = new LinkedHashMap<>();
		processes().forEach((name, process) -> rss.put(name, Rss.megabytes(process)));
		return rss;
	}

	/**
	 * The CPU time each process of the stack has used since it started (user and system,
	 * from {@link ProcessHandle.Info#totalCpuDuration()}, i.e. {@code /proc/<pid>/stat}
	 * on Linux), seconds; the benchmark's own JVM (the load generator) as
	 * {@code load-generator}. A process whose CPU time cannot be read is left out.
	 */
	Map<String, Double> cpuSeconds() {
		Map<String, Double> cpu = new LinkedHashMap<>();
		processes().forEach((name,
				process) -> process.info().totalCpuDuration().ifPresent((used) -> cpu.put(name, used.toNanos() / 1e9)));
		ProcessHandle.current()
			.info()
			.totalCpuDuration()
			.ifPresent((used) -> cpu.put("load-generator", used.toNanos() / 1e9));
		return cpu;
	}

	/**
	 * Samples the processes of {@code next} from now on (measurement 5's own stack); the
	 * peaks recorded so far are kept, by process name.
	 */
	void follow(LocalStack next) {
		this.stack = next;
	}

	/** Starts recording peaks (the load phase). */
	void startLoad() {
		this.sampling = true;
	}

	/** Stops recording peaks. */
	void endLoad() {
		this.sampling = false;
	}

	/** The peak RSS of each process while load was recorded, MB. */
	Map<String, Double> peaks() {
		return new LinkedHashMap<>(this.peak);
	}

	/**
	 * Start-up of each service, one more instance per run, seconds.
	 */
	Map<String, List<Double>> startUps(int runs) throws Exception {
		Map<String, List<Double>> times = new LinkedHashMap<>();
		List<String> services = new ArrayList<>(List.of(LocalStack.IDENTITY_PROVIDER));
		services.addAll(LocalStack.SERVICES);
		for (int run = 1; run <= runs; run++) {
			for (String service : services) {
				String instance = service + "-startup";
				int port = FaultSuite.freePort();
				long started = System.nanoTime();
				this.stack.startInstance(service, instance, port);
				try {
					this.stack.awaitReady(instance, port);
					double seconds = (System.nanoTime() - started) / 1e9;
					times.computeIfAbsent(service, (k) -> new ArrayList<>()).add(seconds);
					Context.progress("run %d: %s ready in %.1f s", run, service, seconds);
				}
				finally {
					this.stack.kill(instance);
				}
			}
		}
		return times;
	}

	private Map<String, ProcessHandle> processes() {
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				return this.stack.processes();
			}
			catch (ConcurrentModificationException ex) {
				// an instance was started or stopped meanwhile: read again
			}
		}
		return Map.of();
	}

	private void sample() {
		while (!this.closed) {
			if (this.sampling) {
				now().forEach((name, mb) -> {
					if (!mb.isNaN()) {
						this.peak.merge(name, mb, Math::max);
					}
				});
			}
			try {
				// /proc gives no change notification: sample it
				Thread.sleep(500);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.sampler.interrupt();
	}

}
