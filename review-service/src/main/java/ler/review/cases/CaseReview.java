package ler.review.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import ler.events.CaseFlagged;
import ler.events.CaseWithdrawn;
import ler.events.CustomerConsentAnswered;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.PreservationExpired;
import ler.events.PreservationExtended;
import ler.events.PreservationStarted;
import ler.events.RequestReceived;
import ler.events.RequestSummary;
import ler.events.RequesterVerified;
import ler.events.UserNotificationDue;
import ler.review.cases.ReviewCase.HistoryEntry;
import ler.review.cases.ReviewCase.Link;
import ler.review.cases.messaging.DecisionRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Applies the rules of {@link CasePolicy} and announces each change: the case after it
 * and its events are saved in one atomic write, then handed to the relay.
 */
@Service
public class CaseReview {

	static final String SOURCE = "/review-service";

	private static final Logger log = LoggerFactory.getLogger(CaseReview.class);

	private static final int ATTEMPTS = 5;

	private final ReviewCases cases;

	private final DecisionRelay relay;

	private final EventCodec codec;

	private final Clock clock;

	private final ReviewProperties properties;

	private final CaseIndexes indexes;

	private final MeterRegistry meters;

	CaseReview(ReviewCases cases, DecisionRelay relay, EventCodec codec, Clock clock, ReviewProperties properties,
			CaseIndexes indexes, MeterRegistry meters) {
		this.meters = meters;
		this.indexes = indexes;
		this.cases = cases;
		this.relay = relay;
		this.codec = codec;
		this.clock = clock;
		this.properties = properties;
	}

	public Mono<ReviewCase> verify(UUID id, AnswerCommand command) {
		return change(id, (c) -> CasePolicy.verify(c, command, now()));
	}

	public Mono<ReviewCase> decide(UUID id, DecisionCommand command) {
		CasePolicy.validate(command);
		return change(id, (c) -> CasePolicy.decide(c, command, now(), this.properties.preservationPeriod(),
				this.properties.formalProcessWithin()));
	}

	public Mono<ReviewCase> answerConsent(UUID id, AnswerCommand command) {
		return change(id, (c) -> CasePolicy.answerConsent(c, command, now()));
	}

	public Mono<ReviewCase> amend(UUID id, DecisionCommand command) {
		CasePolicy.validate(command);
		return change(id, (c) -> CasePolicy.amend(c, command, now()));
	}

	public Mono<ReviewCase> extendPreservation(UUID id, NoteCommand command) {
		return change(id,
				(c) -> CasePolicy.extendPreservation(c, command, now(), this.properties.preservationPeriod()));
	}

	public Mono<ReviewCase> withdraw(UUID id, String reason) {
		return change(id, (c) -> CasePolicy.withdraw(c, reason, now()));
	}

	/**
	 * Applies whatever is due on a case by now (expiry, user notification, missing formal
	 * process).
	 */
	public Mono<ReviewCase> tick(UUID id) {
		return change(id, (c) -> CasePolicy.tick(c, now()))
			.flatMap((after) -> this.indexes.schedule(id, nextDue(after)).thenReturn(after))
			.switchIfEmpty(Mono.defer(() -> this.indexes.schedule(id, null).then(Mono.empty())));
	}

	/** The next moment a time-driven move falls due on this case, or null. */
	static Instant nextDue(ReviewCase c) {
		Instant next = null;
		if (c.status() == CaseStatus.PRESERVED) {
			next = c.preservedUntil();
		}
		if (c.request().nondisclosureUntil() != null && c.userNotificationDueAt() == null) {
			next = earliest(next, c.request().nondisclosureUntil());
		}
		if (c.formalProcessDueAt() != null && !c.flags().contains(CasePolicy.FORMAL_PROCESS_MISSING)) {
			next = earliest(next, c.formalProcessDueAt());
		}
		if (c.status().awaitsCounsel() && c.dueAt() != null && !c.flags().contains(CasePolicy.OVERDUE)) {
			next = earliest(next, c.dueAt());
		}
		return next;
	}

	private static Instant earliest(Instant a, Instant b) {
		return (a == null) ? b : (b == null) ? a : (a.isBefore(b) ? a : b);
	}

	/**
	 * Opens a case for a received request and links it to earlier requests about the same
	 * identifiers: the preservation it follows, the emergency disclosure it formalises.
	 */
	public Mono<Void> open(RequestReceived event) {
		Instant now = now();
		boolean emergency = "EMERGENCY".equals(event.legalProcess());
		ReviewCase opened = new ReviewCase(event.requestId(), event
			.verified() ? CaseStatus.UNDER_REVIEW : CaseStatus.VERIFICATION_PENDING, new ReviewCase.Request(
					event.agency().name(), event.agency().country(), event.agency().contactEmail(), event.service(),
					event.customerType(), event.enterpriseCustomer(), event.legalProcess(),
					event.identifiers().stream().map((i) -> new ReviewCase.Identifier(i.type(), i.value())).toList(),
					event.dataCategories(), event.emergencyJustification(), event.nondisclosureUntil(),
					event.verified(),
					(event.document() == null) ? null
							: new ReviewCase.Document(event.document().documentId(), event.document().fileName(),
									event.document().mediaType(), event.document().size(), event.document().sha256()),
					event.receivedAt(), event.submittedAt()),
				now, event.receivedAt().plus(this.properties.deadline(event.legalProcess())), emergency ? 0 : 1, null,
				null, null, false, null, null, java.util.Set.of(), List.of(),
				List.of(new HistoryEntry(now, "intake-service", "REQUEST_RECEIVED",
						event.legalProcess() + " from " + event.agency().name() + " (" + event.agency().country() + ")"
								+ (event.verified() ? "" : "; requester not on the verified-domain allow-list"))),
				false, 0, 0);
		List<String> identifiers = event.identifiers().stream().map(RequestReceived.Identifier::value).toList();
		// every open case has a deadline: its timer raises the OVERDUE flag. The timer
		// comes
		// after the case: a tick that found the timer before the case would drop it as
		// stale. Opening is an idempotent upsert, so a crash in between is healed by the
		// redelivery, which schedules again.
		return this.cases.open(opened)
			.then(this.indexes.schedule(event.requestId(), nextDue(opened)))
			.then(linkToEarlierRequests(event, identifiers, now));
	}

	private Mono<Void> linkToEarlierRequests(RequestReceived event, List<String> identifiers, Instant now) {
		if ("PRESERVATION".equals(event.legalProcess())) {
			return Mono.empty();
		}
		UUID id = event.requestId();
		Flux<Void> preservations = this.indexes.watching(CaseIndexes.PRESERVATIONS, identifiers)
			.filter((caseId) -> !caseId.equals(id))
			.concatMap((caseId) -> this.cases.find(caseId, now))
			.filter((p) -> p.status() == CaseStatus.PRESERVED)
			.concatMap(
					(p) -> this.cases
						.link(p.requestId(), new Link(id, "FOLLOWED_BY"),
								new HistoryEntry(now, "review-service", "LINKED",
										event.legalProcess() + " " + id + " followed"),
								false)
						.then(this.cases.link(id, new Link(p.requestId(), "FOLLOWS_PRESERVATION"),
								new HistoryEntry(now, "review-service", "LINKED",
										"follows preservation " + p.requestId()),
								false))
						.then());
		Flux<Void> emergencies = !LegalProcess.FORMAL.contains(event.legalProcess()) ? Flux.empty()
				: this.indexes.watching(CaseIndexes.EMERGENCIES, identifiers)
					.filter((caseId) -> !caseId.equals(id))
					.concatMap((caseId) -> this.cases.find(caseId, now))
					.filter((e) -> e.formalProcessDueAt() != null)
					.concatMap((e) -> this.cases
						.link(e.requestId(), new Link(id, "FORMAL_PROCESS"),
								new HistoryEntry(now, "review-service", "FORMAL_PROCESS_RECEIVED",
										event.legalProcess() + " " + id),
								true)
						.then(this.indexes.unwatch(CaseIndexes.EMERGENCIES, e.requestId(), identifiers(e)))
						.then(this.cases.link(id, new Link(e.requestId(), "FORMALISES_EMERGENCY"),
								new HistoryEntry(now, "review-service", "LINKED",
										"formalises emergency disclosure " + e.requestId()),
								false))
						.then());
		return preservations.thenMany(emergencies).then();
	}

	private Mono<ReviewCase> change(UUID id, Function<ReviewCase, ReviewCase> move) {
		return attempt(id, move, ATTEMPTS);
	}

	private Mono<ReviewCase> attempt(UUID id, Function<ReviewCase, ReviewCase> move, int attemptsLeft) {
		Instant now = now();
		return this.cases.find(id, now).flatMap((before) -> {
			ReviewCase after = move.apply(before);
			if (after == before) {
				return Mono.just(before);
			}
			List<Object> events = events(before, after, now);
			if (events.size() != after.eventSequence() - before.eventSequence()) {
				return Mono.error(new IllegalStateException("the policy and the events disagree on " + id));
			}
			List<ReviewCases.OutboxEntry> outbox = new ArrayList<>();
			for (int i = 0; i < events.size(); i++) {
				UUID eventId = UUID.randomUUID();
				long sequence = before.eventSequence() + 1 + i;
				outbox.add(new ReviewCases.OutboxEntry(id, eventId, sequence,
						this.codec.encode(EventEnvelope.wrap(eventId, SOURCE, id, sequence, now, events.get(i)))));
			}
			// pointers first: a crash after them and before the save leaves only stale
			// pointers
			Mono<String> marker = outbox.isEmpty() ? Mono.just("") : this.indexes.markPending(id, now);
			return marker.flatMap(
					(token) -> before(before, after).then(this.cases.save(before, after, outbox)).flatMap((saved) -> {
						if (!saved) {
							return (attemptsLeft > 1) ? attempt(id, move, attemptsLeft - 1) : Mono.error(
									new IllegalTransitionException(before.status(), "change a case changing under it"));
						}
						recordDecisionTime(before, after, now);
						Mono<Void> tidy = after(before, after);
						if (outbox.isEmpty()) {
							return tidy.thenReturn(after);
						}
						// the events are safe in the outbox: publish now, or the relay
						// will
						return tidy.then(this.relay.publishPending(id))
							.then(this.indexes.clearPending(new CaseIndexes.Marker(id, token)))
							.onErrorResume((ex) -> {
								log.warn("Change on {} saved, publish deferred to the relay: {}", id, ex.getMessage());
								return Mono.empty();
							})
							.thenReturn(after);
					}));
		});
	}

	/**
	 * Received to decided, once per case: when it leaves the states awaiting counsel for
	 * a decision (not a withdrawal). Tagged by decision only, a bounded set.
	 */
	private void recordDecisionTime(ReviewCase before, ReviewCase after, Instant now) {
		if (before.status().awaitsCounsel() && !after.status().awaitsCounsel() && after.status() != CaseStatus.WITHDRAWN
				&& after.decision() != null) {
			Timer.builder("ler.decision.latency")
				.description("Time from a request's receipt to counsel's decision")
				.tag("decision", after.decision().decision().name())
				.publishPercentileHistogram()
				.minimumExpectedValue(Duration.ofMinutes(1))
				.maximumExpectedValue(Duration.ofDays(400))
				.register(this.meters)
				.record(Duration.between(after.request().receivedAt(), now));
		}
	}

	/**
	 * Pointers a change needs before it is saved: new watches, the earlier of the two
	 * timers.
	 */
	private Mono<Void> before(ReviewCase before, ReviewCase after) {
		Instant due = earliest(nextDue(before), nextDue(after));
		// most cases never have anything time-driven: no timer to write
		Mono<Void> work = (due == null) ? Mono.empty() : this.indexes.schedule(after.requestId(), due);
		if (after.status() == CaseStatus.PRESERVED && before.status() != CaseStatus.PRESERVED) {
			work = work.then(this.indexes.watch(CaseIndexes.PRESERVATIONS, after.requestId(), identifiers(after)));
		}
		if (after.formalProcessDueAt() != null && before.formalProcessDueAt() == null) {
			work = work.then(this.indexes.watch(CaseIndexes.EMERGENCIES, after.requestId(), identifiers(after)));
		}
		return work;
	}

	/** Pointers a saved change no longer needs. */
	private Mono<Void> after(ReviewCase before, ReviewCase after) {
		Mono<Void> work = (nextDue(before) == null && nextDue(after) == null) ? Mono.empty()
				: this.indexes.schedule(after.requestId(), nextDue(after));
		if (before.status() == CaseStatus.PRESERVED && after.status() != CaseStatus.PRESERVED) {
			work = work.then(this.indexes.unwatch(CaseIndexes.PRESERVATIONS, after.requestId(), identifiers(after)));
		}
		if (after.flags().contains(CasePolicy.FORMAL_PROCESS_MISSING)
				&& !before.flags().contains(CasePolicy.FORMAL_PROCESS_MISSING)) {
			work = work.then(this.indexes.unwatch(CaseIndexes.EMERGENCIES, after.requestId(), identifiers(after)));
		}
		return work;
	}

	private static List<String> identifiers(ReviewCase c) {
		return c.request().identifiers().stream().map(ReviewCase.Identifier::value).toList();
	}

	/** The events announcing the step from {@code before} to {@code after}. */
	private static List<Object> events(ReviewCase before, ReviewCase after, Instant now) {
		List<Object> events = new ArrayList<>();
		UUID id = after.requestId();
		HistoryEntry step = after.history().get(after.history().size() - 1);
		RequestSummary summary = summary(after);
		if (before.status() == CaseStatus.VERIFICATION_PENDING && after.status() != CaseStatus.VERIFICATION_PENDING
				&& after.status() != CaseStatus.WITHDRAWN) {
			HistoryEntry verification = after.history().get(before.history().size());
			events.add(new RequesterVerified(id, after.status() == CaseStatus.UNDER_REVIEW, verification.detail(),
					verification.actor(), now));
		}
		if (before.status() == CaseStatus.AWAITING_CONSENT && after.consent() != null && before.consent() == null) {
			events.add(new CustomerConsentAnswered(id, "GRANTED".equals(after.consent()), step.detail(), step.actor(),
					now));
		}
		ReviewCase.RecordedDecision decision = after.decision();
		if (decision != null && decision != before.decision()) {
			if (decision.amended()) {
				events.add(new DecisionAmended(id, decision.decision().name(), decision.basis(),
						before.decision().decision().name(), before.decision().basis(), decision.reason(),
						decision.counsel(), now, summary));
			}
			else if (decision.decision() == Decision.PRESERVE) {
				events.add(new PreservationStarted(id, after.preservedUntil(), decision.reason(), decision.counsel(),
						now));
			}
			else {
				events.add(new DecisionRecorded(id, decision.decision().name(), decision.reason(), decision.counsel(),
						now, (before.decision() == null) ? null : before.decision().decision().name(), summary,
						decision.basis()));
			}
		}
		if (after.preservationExtended() && !before.preservationExtended()) {
			events.add(new PreservationExtended(id, after.preservedUntil(), step.detail(), step.actor(), now));
		}
		if (after.status() == CaseStatus.WITHDRAWN && before.status() != CaseStatus.WITHDRAWN) {
			events.add(new CaseWithdrawn(id, step.detail(), now, summary));
		}
		if (after.status() == CaseStatus.PRESERVATION_EXPIRED && before.status() != CaseStatus.PRESERVATION_EXPIRED) {
			events.add(new PreservationExpired(id, now));
		}
		if (after.userNotificationDueAt() != null && before.userNotificationDueAt() == null) {
			events.add(new UserNotificationDue(id, after.request().nondisclosureUntil(), now));
		}
		if (after.flags().contains(CasePolicy.FORMAL_PROCESS_MISSING)
				&& !before.flags().contains(CasePolicy.FORMAL_PROCESS_MISSING)) {
			events.add(new CaseFlagged(id, CasePolicy.FORMAL_PROCESS_MISSING,
					"emergency disclosure not followed by formal legal process by " + before.formalProcessDueAt(), now,
					summary));
		}
		if (after.flags().contains(CasePolicy.OVERDUE) && !before.flags().contains(CasePolicy.OVERDUE)) {
			events.add(new CaseFlagged(id, CasePolicy.OVERDUE, "no answer by " + after.dueAt(), now, summary));
		}
		return events;
	}

	static RequestSummary summary(ReviewCase c) {
		ReviewCase.Request r = c.request();
		return new RequestSummary(r.country(), r.service(), r.customerType(), r.legalProcess(), r.identifiers().size(),
				r.receivedAt(), c.flags().contains(CasePolicy.OVERDUE));
	}

	private Instant now() {
		return this.clock.instant();
	}

}
