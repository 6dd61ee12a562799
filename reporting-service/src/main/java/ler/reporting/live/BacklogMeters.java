package ler.reporting.live;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.Disposable;

import ler.reporting.statistics.Period;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The backlog as gauges, from the same live figures as the dashboard (all periods):
 * requests neither decided nor withdrawn, and those of them past their deadline. Every
 * instance shows the same values.
 */
@Component
class BacklogMeters implements DisposableBean {

	private final LiveFigures live;

	private final AtomicLong pending = new AtomicLong();

	private final AtomicLong overdue = new AtomicLong();

	private volatile Disposable subscription;

	BacklogMeters(LiveFigures live, MeterRegistry meters) {
		this.live = live;
		Gauge.builder("ler.backlog.pending", this.pending, AtomicLong::get)
			.description("Requests neither decided nor withdrawn")
			.register(meters);
		Gauge.builder("ler.backlog.overdue", this.overdue, AtomicLong::get)
			.description("Pending requests past their answer deadline")
			.register(meters);
	}

	@EventListener(ApplicationReadyEvent.class)
	void follow() {
		this.subscription = this.live.watch(Period.ALL).subscribe((snapshot) -> {
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
