package ler.review.cases.scheduling;

import java.time.Clock;

import ler.review.cases.messaging.DecisionRelay;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * When the relay looks for events a crash or an outage left unpublished: often through
 * the publication markers, rarely by a full look at every outbox.
 */
@Component
class RelaySchedule {

	private final DecisionRelay relay;

	private final Clock clock;

	RelaySchedule(DecisionRelay relay, Clock clock) {
		this.relay = relay;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${ler.review.relay-interval:1s}")
	void sweep() {
		this.relay.sweep(this.clock.instant());
	}

	@Scheduled(fixedDelayString = "${ler.review.outbox-scan-interval:10m}",
			initialDelayString = "${ler.review.outbox-scan-interval:10m}")
	void scan() {
		this.relay.scan(this.clock.instant());
	}

}
