package ler.reporting.live;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ler.reporting.statistics.Figures;
import ler.reporting.statistics.Period;
import ler.reporting.statistics.PeriodCounters;
import ler.reporting.statistics.ProjectionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The figures of a period as a stream of snapshots, one per change. One poller per
 * period, shared by all of its subscribers on this instance, reads a fingerprint of the
 * counter documents every {@code ler.reporting.live.poll-interval} (100 ms), and the
 * documents themselves only when it moved (at most ten snapshots a second): the store's
 * load does not grow with subscribers, and a change applied by any instance is seen by
 * all (no change streams: the local store has none worth using).
 */
@Component
public class LiveFigures {

	private static final Logger log = LoggerFactory.getLogger(LiveFigures.class);

	private final ProjectionStore store;

	private final Clock clock;

	private final Duration pollInterval;

	private final Map<String, Flux<Snapshot>> shared = new ConcurrentHashMap<>();

	LiveFigures(ProjectionStore store, Clock clock,
			@Value("${ler.reporting.live.poll-interval:100ms}") Duration pollInterval) {
		this.store = store;
		this.clock = clock;
		this.pollInterval = pollInterval;
	}

	/**
	 * @param id names the state read: equal ids, equal figures; it is the same on every
	 * instance
	 */
	public record Snapshot(String id, Dashboard dashboard) {
	}

	/**
	 * The current snapshot at once, then one per change. Hot and shared: the latest is
	 * replayed to each new subscriber.
	 */
	public Flux<Snapshot> watch(Period period) {
		return this.shared.computeIfAbsent(period.label(), (label) -> poll(period).replay(1).refCount());
	}

	/** One read of the current figures. */
	public Mono<Snapshot> current(Period period) {
		return this.store.counters(period.halfYears())
			.collectList()
			.map((docs) -> new Snapshot(PeriodCounters.fingerprintOf(docs),
					Dashboard.of(period, Figures.sum(docs), this.clock.instant())));
	}

	private Flux<Snapshot> poll(Period period) {
		return Flux.interval(Duration.ZERO, this.pollInterval)
			.onBackpressureLatest()
			.concatMap((tick) -> this.store.fingerprint(period.halfYears()).onErrorResume((ex) -> unavailable(ex)), 1)
			.distinctUntilChanged()
			.concatMap((fingerprint) -> current(period).onErrorResume((ex) -> unavailable(ex)), 1)
			.distinctUntilChanged(Snapshot::id);
	}

	private static <T> Mono<T> unavailable(Throwable ex) {
		log.warn("Could not read the figures for the live stream; trying again: {}", ex.getMessage());
		return Mono.empty();
	}

}
