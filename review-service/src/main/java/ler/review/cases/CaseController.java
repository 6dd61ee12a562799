package ler.review.cases;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/reviews")
class CaseController {

	static final int MAX_LIMIT = 1000;

	private final ReviewCases cases;

	private final CaseReview review;

	private final MeterRegistry meters;

	CaseController(ReviewCases cases, CaseReview review, MeterRegistry meters) {
		this.cases = cases;
		this.review = review;
		this.meters = meters;
	}

	/** Counsel's queue, oldest received first. */
	@GetMapping
	Flux<ReviewCase> queue(@RequestParam(defaultValue = "PENDING") String status,
			@RequestParam(defaultValue = "100") int limit) {
		List<Violation> violations = new java.util.ArrayList<>();
		CaseStatus wanted = null;
		try {
			wanted = CaseStatus.valueOf(status);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation("status", "one-of", "status must be one of " + List.of(CaseStatus.values())));
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			violations.add(new Violation("limit", "range", "limit must be between 1 and " + MAX_LIMIT));
		}
		if (!violations.isEmpty()) {
			return Flux.error(new InvalidDecisionException(violations));
		}
		return this.cases.queue(wanted, limit);
	}

	@GetMapping("/{id}")
	Mono<ReviewCase> find(@PathVariable UUID id) {
		return this.cases.find(id).switchIfEmpty(Mono.error(() -> notFound(id)));
	}

	@PostMapping("/{id}/decisions")
	Mono<ResponseEntity<ReviewCase>> decide(@PathVariable UUID id,
			@RequestBody(required = false) DecisionCommand command) {
		return Mono.defer(() -> this.review.decide(id, command))
			.switchIfEmpty(Mono.error(() -> notFound(id)))
			.map((decided) -> {
				this.meters.counter("ler.decisions.recorded", "decision", decided.decision().decision().name())
					.increment();
				return ResponseEntity.status(HttpStatus.CREATED)
					.location(URI.create("/api/reviews/" + id))
					.body(decided);
			});
	}

	private static ResponseStatusException notFound(UUID id) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND,
				"no review case " + id + " (a request just submitted may take a moment to reach review)");
	}

}
