package ler.review.cases;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

/** Counsel's API: the queue, a case and its history, and every move on a case. */
@RestController
@RequestMapping("/api/reviews")
class CaseController {

	static final int MAX_LIMIT = 1000;

	private final ReviewCases cases;

	private final CaseReview review;

	private final MeterRegistry meters;

	private final Clock clock;

	CaseController(ReviewCases cases, CaseReview review, MeterRegistry meters, Clock clock) {
		this.cases = cases;
		this.review = review;
		this.meters = meters;
		this.clock = clock;
	}

	/**
	 * The queue: emergencies first, then oldest received first.
	 * @param status a case state, or {@code PENDING} for every state awaiting counsel
	 * @param overdue only cases awaiting counsel past their due date
	 */
	@GetMapping
	Flux<ReviewCase> queue(@RequestParam(defaultValue = "PENDING") String status,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "100") int limit) {
		List<Violation> violations = new ArrayList<>();
		Set<CaseStatus> wanted = EnumSet.noneOf(CaseStatus.class);
		if ("PENDING".equals(status)) {
			wanted.addAll(CaseStatus.AWAITING_COUNSEL);
		}
		else {
			try {
				wanted.add(CaseStatus.valueOf(status));
			}
			catch (IllegalArgumentException ex) {
				violations.add(new Violation("status", "one-of",
						"status must be PENDING or one of " + List.of(CaseStatus.values())));
			}
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			violations.add(new Violation("limit", "range", "limit must be between 1 and " + MAX_LIMIT));
		}
		if (!violations.isEmpty()) {
			return Flux.error(new InvalidDecisionException(violations));
		}
		return this.cases.queue(wanted, overdue, this.clock.instant(), limit);
	}

	@GetMapping("/{id}")
	Mono<ReviewCase> find(@PathVariable UUID id) {
		return this.cases.find(id, this.clock.instant()).switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id)));
	}

	/** The full timeline of a case: who did what, when and why. */
	@GetMapping("/{id}/history")
	Mono<List<ReviewCase.HistoryEntry>> history(@PathVariable UUID id) {
		return find(id).map(ReviewCase::history);
	}

	@PostMapping("/{id}/decisions")
	Mono<ResponseEntity<ReviewCase>> decide(@PathVariable UUID id,
			@RequestBody(required = false) DecisionCommand command) {
		return answer(id, Mono.defer(() -> this.review.decide(id, command)));
	}

	/** Corrects a final decision, with a reason. */
	@PostMapping("/{id}/amendments")
	Mono<ResponseEntity<ReviewCase>> amend(@PathVariable UUID id,
			@RequestBody(required = false) DecisionCommand command) {
		return answer(id, Mono.defer(() -> this.review.amend(id, command)));
	}

	/** Verifies (or rejects) a requester whose email domain was not on the allow-list. */
	@PostMapping("/{id}/verification")
	Mono<ResponseEntity<ReviewCase>> verify(@PathVariable UUID id, @RequestBody(required = false) Verification body) {
		return answer(id, Mono.defer(() -> this.review.verify(id,
				(body == null) ? null : new AnswerCommand(body.verified(), body.reason(), body.counsel()))));
	}

	/** Records the enterprise customer's answer to the request for consent. */
	@PostMapping("/{id}/consent")
	Mono<ResponseEntity<ReviewCase>> consent(@PathVariable UUID id, @RequestBody(required = false) Consent body) {
		return answer(id, Mono.defer(() -> this.review.answerConsent(id,
				(body == null) ? null : new AnswerCommand(body.granted(), body.reason(), body.counsel()))));
	}

	/** Extends a preservation, once, by the preservation period. */
	@PostMapping("/{id}/preservation/extension")
	Mono<ResponseEntity<ReviewCase>> extend(@PathVariable UUID id, @RequestBody(required = false) NoteCommand command) {
		return answer(id, Mono.defer(() -> this.review.extendPreservation(id, command)));
	}

	private Mono<ResponseEntity<ReviewCase>> answer(UUID id, Mono<ReviewCase> change) {
		return change.switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id))).map((after) -> {
			if (after.decision() != null) {
				this.meters.counter("ler.decisions.recorded", "decision", after.decision().decision().name())
					.increment();
			}
			return ResponseEntity.status(HttpStatus.CREATED).location(URI.create("/api/reviews/" + id)).body(after);
		});
	}

	record Verification(Boolean verified, String reason, String counsel) {
	}

	record Consent(Boolean granted, String reason, String counsel) {
	}

}
