package ler.reporting.deadletter;

import java.util.List;
import java.util.Map;

import ler.reporting.deadletter.messaging.DeadLetters;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' view of the events reporting could not apply, and their re-drive after a
 * fix.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

	private final DeadLetters deadLetters;

	DeadLetterController(DeadLetters deadLetters) {
		this.deadLetters = deadLetters;
	}

	@GetMapping
	Mono<List<DeadLetters.DeadLetter>> list() {
		return Mono.fromCallable(this.deadLetters::list).subscribeOn(Schedulers.boundedElastic());
	}

	/**
	 * Applies every dead letter not re-driven before to the projection again; one that
	 * still fails becomes a new dead letter.
	 */
	@PostMapping("/redrive")
	Mono<Map<String, Integer>> redrive() {
		return Mono.fromCallable(() -> Map.of("redriven", this.deadLetters.redrive()))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
