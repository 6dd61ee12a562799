package ler.reporting.live;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import ler.reporting.statistics.Period;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The backlog as gauges, from the same figures as the dashboard (all periods): requests
 * neither decided nor withdrawn, and those of them past their deadline. Every instance
 * shows the same values. Read every {@code ler.reporting.backlog-refresh} (10 s; a scrape
 * is every 15-30 s), not on every change: following the live stream read and summed every
 * counter document of all time ten times a second while the figures moved, a fifth of
 * reporting's CPU under load (docs/benchmarks.md).
 */
@Component
class BacklogMeters implements DisposableBean {

	private final LiveFigures live;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong overdue = new AtomicLong();

	private volatile Disposable subscription;

	private final Duration refresh;

	BacklogMeters(LiveFigures live, MeterRegistry meters,
			@Value("${ler.reporting.backlog-refresh:10s}") Duration refresh) {
		this.live = live;
		this.refresh = refresh;
		Gauge.builder("ler.backlog.pending", this.pending, AtomicLong::get)
			.description("Requests neither decided nor withdrawn")
			.register(meters);
		Gauge.builder("ler.backlog.overdue", this.overdue, AtomicLong::get)
			.description("Pending requests past their answer deadline")
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	void follow() {
		this.subscription = Flux.interval(Duration.ZERO, this.refresh)
			.onBackpressureDrop()
			.concatMap((tick) -> this.live.current(Period.ALL).onErrorResume((ex) -> Mono.empty()), 1)
			.subscribe((snapshot) -> {
				this.pending.set(snapshot.dashboard().statistics().totals().pending());
				this.overdue.set(snapshot.dashboard().statistics().totals().overdue());
			});
	}

	@Override
	public void destroy() {
		Disposable current = this.subscription;
		if (current != null) {
			current.dispose();
		}
	}

}
