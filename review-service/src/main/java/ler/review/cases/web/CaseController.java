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
import ler.platform.security.Caller;
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

/**
 * Counsel's API: the queue, a case and its history, and every move on a case. Who may
 * call which route is {@code ReviewRoutes}; every move is attributed to the caller's
 * token subject.
 */
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
	 * @param status a case state, or {@code PENDING} for every state in which the legal
	 * team has to act (including {@code AWAITING_APPROVAL})
	 * @param overdue only cases awaiting counsel past their due date
	 * @param limit 1 to 1000 cases
	 */
	@GetMapping
	Flux<CaseResponse> queue(@RequestParam(defaultValue = "PENDING") String status,
			@RequestParam(defaultValue = "false") boolean overdue, @RequestParam(defaultValue = "100") int limit) {
		List<Violation> violations = new ArrayList<>();
		Set<CaseStatus> wanted = EnumSet.noneOf(CaseStatus.class);
		if ("PENDING".equals(status)) {
			wanted.addAll(CaseStatus.PENDING);
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

	/**
	 * Counsel's decision, attributed to the caller. One that needs four eyes (content, an
	 * emergency disclosure without formal process, a disclosure resting on consent) is
	 * 202 Accepted with the case {@code AWAITING_APPROVAL} holding the proposal; any
	 * other is 201 Created, in effect at once.
	 */
	@PostMapping("/{id}/decisions")
	Mono<ResponseEntity<CaseResponse>> decide(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body,
			Caller caller) {
		return proposed(id, (body == null) ? null : new CaseCommand.Decide(body.decision(), body.reason(),
				caller.subject(), body.contractualArrangement()));
	}

	/**
	 * Corrects a final decision, with a reason: always a proposal (202) that a second
	 * senior counsel approves.
	 */
	@PostMapping("/{id}/amendments")
	Mono<ResponseEntity<CaseResponse>> amend(@PathVariable UUID id, @RequestBody(required = false) DecisionBody body,
			Caller caller) {
		return proposed(id, (body == null) ? null : new CaseCommand.Amend(body.decision(), body.reason(),
				caller.subject(), body.contractualArrangement()));
	}

	/**
	 * A second senior counsel's answer to the proposal awaiting approval: approved, it
	 * takes effect (201); rejected, it is dropped and the case is back where it was
	 * (200). The proposer's own answer is 403 ({@code four-eyes}); no proposal pending is
	 * 409.
	 */
	@PostMapping("/{id}/approvals")
	Mono<ResponseEntity<CaseResponse>> approve(@PathVariable UUID id, @RequestBody(required = false) ApprovalBody body,
			Caller caller) {
		CaseCommand command = (body == null) ? null
				: new CaseCommand.Approve(body.approved(), body.reason(), caller.subject());
		return handled(id, command).map((after) -> ResponseEntity
			.status(Boolean.TRUE.equals(body.approved()) ? HttpStatus.CREATED : HttpStatus.OK)
			.location(URI.create("/api/reviews/" + id))
			.body(response(after)));
	}

	/** Verifies (or rejects) a requester whose email domain was not on the allow-list. */
	@PostMapping("/{id}/verification")
	Mono<ResponseEntity<CaseResponse>> verify(@PathVariable UUID id,
			@RequestBody(required = false) VerificationBody body, Caller caller) {
		return answer(id,
				(body == null) ? null : new CaseCommand.Verify(body.verified(), body.reason(), caller.subject()));
	}

	/**
	 * Records the enterprise customer's answer to the request for consent, with its
	 * evidence.
	 */
	@PostMapping("/{id}/consent")
	Mono<ResponseEntity<CaseResponse>> consent(@PathVariable UUID id, @RequestBody(required = false) ConsentBody body,
			Caller caller) {
		return answer(id,
				(body == null) ? null
						: new CaseCommand.AnswerConsent(body.granted(), body.reason(),
								(body.evidence() == null) ? null : new CaseCommand.Evidence(body.evidence().givenBy(),
										body.evidence().givenAt(), body.evidence().method()),
								caller.subject()));
	}

	/** Extends a preservation, once, by the preservation period. */
	@PostMapping("/{id}/preservation/extension")
	Mono<ResponseEntity<CaseResponse>> extend(@PathVariable UUID id, @RequestBody(required = false) NoteBody body,
			Caller caller) {
		return answer(id, (body == null) ? null : new CaseCommand.ExtendPreservation(body.reason(), caller.subject()));
	}

	private Mono<ReviewCase> found(UUID id) {
		return this.cases.find(id).switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id)));
	}

	private Mono<ReviewCase> handled(UUID id, CaseCommand command) {
		return Mono.defer(() -> this.cases.handle(id, command))
			.switchIfEmpty(Mono.error(() -> new CaseNotFoundException(id)));
	}

	private Mono<ResponseEntity<CaseResponse>> answer(UUID id, CaseCommand command) {
		return handled(id, command).map((after) -> ResponseEntity.status(HttpStatus.CREATED)
			.location(URI.create("/api/reviews/" + id))
			.body(response(after)));
	}

	/** 202 when the move became a proposal awaiting approval, else 201. */
	private Mono<ResponseEntity<CaseResponse>> proposed(UUID id, CaseCommand command) {
		return handled(id, command).map((after) -> ResponseEntity
			.status((after.status() == CaseStatus.AWAITING_APPROVAL) ? HttpStatus.ACCEPTED : HttpStatus.CREATED)
			.location(URI.create("/api/reviews/" + id))
			.body(response(after)));
	}

	private CaseResponse response(ReviewCase c) {
		return CaseResponse.of(c, this.cases.now());
	}

	/*
	 * No body names its author: the actor is the access token's subject. A body that
	 * still sends "counsel" is refused (400 known-field) like any unknown field.
	 */

	/** A decision or amendment as posted. */
	record DecisionBody(String decision, String reason, String contractualArrangement) {
	}

	/** The requester verified or not. */
	record VerificationBody(Boolean verified, String reason) {
	}

	/** The enterprise customer's answer and its proof. */
	record ConsentBody(Boolean granted, String reason, EvidenceBody evidence) {
	}

	/**
	 * Who at the customer answered (free text, at most 200 characters), when (an ISO-8601
	 * instant, not in the future, not before the request) and how (EMAIL, SIGNED_LETTER,
	 * CUSTOMER_PORTAL, PHONE_CONFIRMED_IN_WRITING).
	 */
	record EvidenceBody(String givenBy, String givenAt, String method) {
	}

	/** A senior counsel's answer to a proposal. */
	record ApprovalBody(Boolean approved, String reason) {
	}

	/** A step that needs only its reason. */
	record NoteBody(String reason) {
	}

}
