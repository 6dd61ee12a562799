package ler.review.cases.scheduling;

import java.time.Clock;
import java.time.Duration;

import ler.review.cases.application.CaseService;
import ler.review.cases.store.CasePointers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Time-driven moves: preservations expire, lapsed nondisclosure orders make user
 * notification due, emergency disclosures without formal process and cases past their
 * deadline get flagged. Safe on every instance at once: each move is a versioned change,
 * so two instances cannot both make it.
 */
@Component
class CaseTicker {

	private static final Logger log = LoggerFactory.getLogger(CaseTicker.class);

	private final CasePointers pointers;

	private final CaseService cases;

	private final Clock clock;

	CaseTicker(CasePointers pointers, CaseService cases, Clock clock) {
		this.pointers = pointers;
		this.cases = cases;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${ler.review.tick-interval:5s}")
	void tick() {
		this.pointers.dueBy(this.clock.instant(), 200).concatMap((id) -> this.cases.tick(id).onErrorResume((ex) -> {
			log.warn("Could not apply what is due on {} yet: {}", id, ex.getMessage());
			return Mono.empty();
		})).then().block(Duration.ofMinutes(5));
	}

}
