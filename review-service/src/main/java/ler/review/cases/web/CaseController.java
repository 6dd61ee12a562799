package ler.review.cases.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ler.review.cases.application.CaseNotFoundException;
import ler.review.cases.application.CaseService;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.InvalidCommandException;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.model.Violation;
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

	private final CaseService cases;

	CaseController(CaseService cases) {
		this.cases = cases;
	}

	/**
	 * The queue: emergencies first, then oldest received first.
	 * @param status a case state, or {@code PENDING} for every state awaiting counsel
	 * @param overdue only cases awaiting counsel past their due date
	 * @param limit 1 to 1000 cases
	 */
	@GetMapping
	Flux<CaseResponse> queue(@RequestParam(defaultValue = "PENDING") String status,
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
			return Flux.error(new InvalidCommandException(violations));
		}
		return this.cases.queue(wanted, overdue, limit).map(this::response);
	}

	@GetMapping("/{id}")
	Mono<CaseResponse> find(@PathVariable UUID id) {
		return found(id).map(this::response);
	}

	/** The full timeline of a case: who did what, when and why. */
	@GetMapping("/{id}/history")
	Mono<List<ReviewCase.HistoryEntry>> history(@PathVariable UUID id) {
		return found(id).map(ReviewCase::history);
	}

	@PostMapping("/{id}/decisions")
	Mono<ResponseEntity<CaseResponse>> decide(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body) {
		return answer(id, (body == null) ? null : new CaseCommand.Decide(body.decision(), body.reason(), body.counsel(),
				body.contractualArrangement()));
	}

	/** Corrects a final decision, with a reason. */
	@PostMapping("/{id}/amendments")
	Mono<ResponseEntity<CaseResponse>> amend(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body) {
		return answer(id, (body == null) ? null
				: new CaseCommand.Amend(body.decision(), body.reason(), body.counsel(), body.contractualArrangement()));
	}

	/** Verifies (or rejects) a requester whose email domain was not on the allow-list. */
	@PostMapping("/{id}/verification")
	Mono<ResponseEntity<CaseResponse>> verify(@PathVariable UUID id,
			@RequestBody(required = false) VerificationBody body) {
		return answer(id,
				(body == null) ? null : new CaseCommand.Verify(body.verified(), body.reason(), body.counsel()));
	}

	/** Records the enterprise customer's answer to the request for consent. */
	@PostMapping("/{id}/consent")
	Mono<ResponseEntity<CaseResponse>> consent(@PathVariable UUID id, @RequestBody(required = false) ConsentBody body) {
		return answer(id,
				(body == null) ? null : new CaseCommand.AnswerConsent(body.granted(), body.reason(), body.counsel()));
	}

	/** Extends a preservation, once, by the preservation period. */
	@PostMapping("/{id}/preservation/extension")
	Mono<ResponseEntity<CaseResponse>> extend(@PathVariable UUID id, @RequestBody(required = false) NoteBody body) {
		return answer(id, (body == null) ? null : new CaseCommand.ExtendPreservation(body.reason(), body.counsel()));
	}

	private Mono<ReviewCase> found(UUID id) {
		return this.cases.find(id).switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id)));
	}

	private Mono<ResponseEntity<CaseResponse>> answer(UUID id, CaseCommand command) {
		return Mono.defer(() -> this.cases.handle(id, command))
			.switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id)))
			.map((after) -> ResponseEntity.status(HttpStatus.CREATED)
				.location(URI.create("/api/reviews/" + id))
				.body(response(after)));
	}

	private CaseResponse response(ReviewCase c) {
		return CaseResponse.of(c, this.cases.now());
	}

	/** A decision or amendment as posted. */
	record DecisionBody(String decision, String reason, String counsel, String contractualArrangement) {
	}

	/** The requester verified or not. */
	record VerificationBody(Boolean verified, String reason, String counsel) {
	}

	/** The enterprise customer's answer. */
	record ConsentBody(Boolean granted, String reason, String counsel) {
	}

	/** A step that needs only its author and reason. */
	record NoteBody(String reason, String counsel) {
	}

}
