package ler.review.cases.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.TimeOrderedIds;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.CaseDecider;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.CaseEvolver;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.IllegalTransitionException;
import ler.review.cases.model.LegalProcess;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.store.CasePointers;
import ler.review.cases.store.CaseStore;
import ler.review.cases.store.OutboxEntry;
import ler.review.cases.store.StoredCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Runs every change to a case the same way: load, {@link CaseDecider#decide decide},
 * {@link CaseEvolver#evolve evolve}, save the new state with its events and the contract
 * events to publish (one compare-and-set, ADR 3 and 5), then publish. A save that loses a
 * race is decided again on the newer case. Also keeps the pointers (timers, watches,
 * publication markers) that let periodic work find cases without scanning.
 */
@Service
public class CaseService {

	/** The CloudEvents {@code source} of every event review publishes. */
	public static final String SOURCE = "/review-service";

	private static final Logger log = LoggerFactory.getLogger(CaseService.class);

	private static final int ATTEMPTS = 5;

	private final CaseStore cases;

	private final CasePointers pointers;

	private final OutboxPublisher publisher;

	private final EventCodec codec;

	private final Clock clock;

	private final CaseDecider decider;

	private final MeterRegistry meters;

	CaseService(CaseStore cases, CasePointers pointers, OutboxPublisher publisher, EventCodec codec, Clock clock,
			ReviewProperties properties, MeterRegistry meters) {
		this.cases = cases;
		this.pointers = pointers;
		this.publisher = publisher;
		this.codec = codec;
		this.clock = clock;
		this.meters = meters;
		this.decider = new CaseDecider(properties::deadline, properties.preservationPeriod(),
				properties.formalProcessWithin());
	}

	/**
	 * Applies a command to an existing case.
	 * @return the case after it (unchanged when the command changed nothing); empty when
	 * there is no such case
	 * @throws ler.review.cases.model.InvalidCommandException before anything is read, for
	 * a malformed command
	 */
	public Mono<ReviewCase> handle(UUID id, CaseCommand command) {
		CaseDecider.validate(command);
		return attempt(id, command, ATTEMPTS);
	}

	/** A case as stored; empty when there is none. */
	public Mono<ReviewCase> find(UUID id) {
		return this.cases.find(id).map(StoredCase::state);
	}

	/** A case's own events, oldest first; empty when there is no such case. */
	public Mono<List<CaseEvent>> events(UUID id) {
		return this.cases.events(id);
	}

	/**
	 * The queue: cases in the given states, emergencies first, then oldest received
	 * first.
	 * @param overdueOnly only those awaiting counsel past their due date
	 */
	public Flux<ReviewCase> queue(Collection<CaseStatus> statuses, boolean overdueOnly, int limit) {
		return this.cases.queue(statuses, overdueOnly, now(), limit);
	}

	/** The current time, from the injected clock. */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Opens a case for a received request (a repeat finds it open), schedules its
	 * deadline and links it to earlier requests about the same identifiers: the
	 * preservation it follows, the emergency disclosure it formalises. Every step is
	 * idempotent, so a redelivery finishes what a crash interrupted.
	 */
	public Mono<Void> open(CaseCommand.Open command) {
		UUID id = command.requestId();
		return Mono.defer(() -> {
			List<CaseEvent> events = this.decider.decide(null, command, now());
			return this.cases.openOrFind(CaseEvolver.fold(events), events);
		})
			// the timer comes after the case: a tick that found the timer first would
			// drop it. Linking is independent of the timer
			.flatMap((c) -> Mono.when(this.pointers.schedule(id, nextDue(c)), linkToEarlierRequests(List.of(c))));
	}

	/**
	 * Opens the cases of many received requests as {@link #open} opens one, with a
	 * constant number of store writes for the lot (the cases and their queue pointers,
	 * their timers, one lookup of the watch lists), then links the few that follow an
	 * earlier request one by one. A repeat of a request, here or earlier, finds its case
	 * open. A failure may leave some done and some not; every step is idempotent, so
	 * opening them again (together or one by one) finishes the rest.
	 * @param commands in the order received
	 */
	public Mono<Void> openAll(List<CaseCommand.Open> commands) {
		return Mono.defer(() -> {
			Instant now = now();
			Map<UUID, CaseStore.Opening> openings = new LinkedHashMap<>();
			for (CaseCommand.Open command : commands) {
				if (!openings.containsKey(command.requestId())) {
					List<CaseEvent> events = this.decider.decide(null, command, now);
					openings.put(command.requestId(), new CaseStore.Opening(CaseEvolver.fold(events), events));
				}
			}
			return this.cases.openOrFindAll(List.copyOf(openings.values()));
		}).flatMap((opened) -> {
			Map<UUID, Instant> due = new LinkedHashMap<>();
			opened.forEach((c) -> due.put(c.requestId(), nextDue(c)));
			// as for one: the timers after the cases, linking independent of them
			return Mono.when(this.pointers.scheduleAll(due), linkToEarlierRequests(opened));
		});
	}

	/**
	 * Links each case (but preservations) to the earlier requests watching its
	 * identifiers, with one lookup of the watch lists for all of them.
	 */
	private Mono<Void> linkToEarlierRequests(List<ReviewCase> opened) {
		List<ReviewCase> linkable = opened.stream()
			.filter((c) -> !LegalProcess.PRESERVATION.equals(c.request().legalProcess()))
			.toList();
		if (linkable.isEmpty()) {
			return Mono.empty();
		}
		Set<String> keys = new LinkedHashSet<>();
		linkable.forEach((c) -> keys.addAll(c.identifierKeys()));
		return this.pointers.watchersByIdentifier(keys)
			.flatMapMany((byIdentifier) -> Flux.fromIterable(linkable).concatMap((c) -> {
				Map<String, List<UUID>> watchers = watchers(c, byIdentifier);
				return watchers.isEmpty() ? Mono.empty() : link(c, c.request().legalProcess(), watchers);
			}))
			.then();
	}

	/** The cases watching any of a case's identifiers, per kind, each case once. */
	private static Map<String, List<UUID>> watchers(ReviewCase c, Map<String, Map<String, List<UUID>>> byIdentifier) {
		Map<String, Set<UUID>> kinds = new HashMap<>();
		for (String key : c.identifierKeys()) {
			byIdentifier.getOrDefault(key, Map.of())
				.forEach((kind, ids) -> kinds.computeIfAbsent(kind, (k) -> new LinkedHashSet<>()).addAll(ids));
		}
		Map<String, List<UUID>> watchers = new HashMap<>();
		kinds.forEach((kind, ids) -> watchers.put(kind, List.copyOf(ids)));
		return watchers;
	}

	private Mono<Void> link(ReviewCase opened, String process, Map<String, List<UUID>> watchers) {
		UUID id = opened.requestId();
		Flux<ReviewCase> preservations = Flux.fromIterable(watchers.getOrDefault(CasePointers.PRESERVATIONS, List.of()))
			.filter((caseId) -> !caseId.equals(id))
			.concatMap(this::find)
			.filter((p) -> p.status() == CaseStatus.PRESERVED)
			.concatMap((p) -> handle(p.requestId(),
					new CaseCommand.Link(id, "FOLLOWED_BY", "LINKED", process + " " + id + " followed", false))
				.then(handle(id, new CaseCommand.Link(p.requestId(), "FOLLOWS_PRESERVATION", "LINKED",
						"follows preservation " + p.requestId(), false))));
		Flux<ReviewCase> emergencies = !LegalProcess.FORMAL.contains(process) ? Flux.empty() : Flux
			.fromIterable(watchers.getOrDefault(CasePointers.EMERGENCIES, List.of()))
			.filter((caseId) -> !caseId.equals(id))
			.concatMap(this::find)
			.filter((e) -> e.formalProcessDueAt() != null)
			.concatMap((e) -> handle(e.requestId(),
					new CaseCommand.Link(id, "FORMAL_PROCESS", "FORMAL_PROCESS_RECEIVED", process + " " + id, true))
				.then(handle(id, new CaseCommand.Link(e.requestId(), "FORMALISES_EMERGENCY", "LINKED",
						"formalises emergency disclosure " + e.requestId(), false))));
		return preservations.thenMany(emergencies).then();
	}

	/**
	 * Applies whatever is due on a case by now (expiry, user notification, flags) and
	 * moves its timer to the next moment something falls due; drops a timer whose case is
	 * gone.
	 */
	public Mono<ReviewCase> tick(UUID id) {
		return handle(id, new CaseCommand.Tick())
			.flatMap((after) -> this.pointers.schedule(id, nextDue(after)).thenReturn(after))
			.switchIfEmpty(Mono.defer(() -> this.pointers.schedule(id, null).then(Mono.empty())));
	}

	private Mono<ReviewCase> attempt(UUID id, CaseCommand command, int attemptsLeft) {
		Instant now = now();
		return this.cases.find(id).flatMap((stored) -> {
			ReviewCase before = stored.state();
			List<CaseEvent> changes = this.decider.decide(before, command, now);
			if (changes.isEmpty()) {
				return Mono.just(before);
			}
			ReviewCase after = before;
			List<OutboxEntry> outbox = new ArrayList<>();
			for (CaseEvent change : changes) {
				ReviewCase next = CaseEvolver.evolve(after, change);
				ReviewCase previous = after;
				ContractEvents.of(previous, change, next).ifPresent((data) -> {
					UUID eventId = TimeOrderedIds.next();
					outbox.add(new OutboxEntry(id, eventId, next.eventSequence(), this.codec
						.encode(EventEnvelope.wrap(eventId, SOURCE, id, next.eventSequence(), change.at(), data))));
				});
				after = next;
			}
			ReviewCase saved = after;
			// pointers first: a crash after them and before the save leaves only stale
			// ones
			Mono<String> marker = outbox.isEmpty() ? Mono.just("") : this.pointers.markPending(id, now);
			// the marker and the other pointers are independent of each other
			return Mono.zip(marker, before(before, saved).thenReturn(true))
				.map((written) -> written.getT1())
				.flatMap((token) -> this.cases.save(stored, saved, changes, outbox, now).flatMap((won) -> {
					if (!won) {
						return (attemptsLeft > 1) ? attempt(id, command, attemptsLeft - 1) : Mono
							.error(new IllegalTransitionException(before.status(), "change a case changing under it"));
					}
					record(before, saved, changes, now);
					Mono<Void> tidy = after(before, saved);
					if (outbox.isEmpty()) {
						return tidy.thenReturn(saved);
					}
					// the events are safe in the outbox: publish now, or the
					// relay will. What the outbox holds now is what it held when read
					// plus these: no need to read it again
					List<OutboxEntry> pending = new ArrayList<>(stored.outbox());
					pending.addAll(outbox);
					// tidying the pointers and publishing are independent; neither
					// cuts the other short when it fails
					return Mono
						.whenDelayError(tidy,
								this.publisher.publish(pending)
									.then(this.pointers.clearPending(new CasePointers.Marker(id, token))))
						.onErrorResume((ex) -> {
							log.warn("Change on {} saved, publish deferred to the relay: {}", id, ex.getMessage());
							return Mono.empty();
						})
						.thenReturn(saved);
				}));
		});
	}

	/**
	 * Business metrics, once per saved change: decisions recorded (by decision, a bounded
	 * set) when they take effect (a four-eyes proposal counts when it is approved, never
	 * when proposed) and, when a case leaves the states awaiting counsel for a decision,
	 * the time from receipt to decision.
	 */
	private void record(ReviewCase before, ReviewCase after, List<CaseEvent> changes, Instant now) {
		for (CaseEvent change : changes) {
			if (change.kind() == CaseEvent.Kind.DECISION_RECORDED
					|| change.kind() == CaseEvent.Kind.PRESERVATION_STARTED) {
				this.meters.counter("ler.decisions.recorded", "decision", after.decision().decision().name())
					.increment();
			}
		}
		if (before.awaitsCounsel() && !after.awaitsCounsel() && after.status() != CaseStatus.WITHDRAWN
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

	/** The next moment a time-driven move falls due on this case, or null. */
	static Instant nextDue(ReviewCase c) {
		Instant next = null;
		if (c.status() == CaseStatus.PRESERVED) {
			next = c.preservedUntil();
		}
		if (c.request().nondisclosureUntil() != null && c.userNotificationDueAt() == null) {
			next = earliest(next, c.request().nondisclosureUntil());
		}
		if (c.formalProcessDueAt() != null && !c.flags().contains(CaseDecider.FORMAL_PROCESS_MISSING)) {
			next = earliest(next, c.formalProcessDueAt());
		}
		if (c.awaitsCounsel() && c.dueAt() != null && !c.flags().contains(CaseDecider.OVERDUE)) {
			next = earliest(next, c.dueAt());
		}
		return next;
	}

	/**
	 * The watch lists a case belongs on: later requests about its identifiers find it.
	 */
	static Set<String> watches(ReviewCase c) {
		Set<String> kinds = new java.util.TreeSet<>();
		if (c.status() == CaseStatus.PRESERVED) {
			kinds.add(CasePointers.PRESERVATIONS);
		}
		if (c.formalProcessDueAt() != null && !c.flags().contains(CaseDecider.FORMAL_PROCESS_MISSING)) {
			kinds.add(CasePointers.EMERGENCIES);
		}
		return kinds;
	}

	private static Instant earliest(Instant a, Instant b) {
		return (a == null) ? b : (b == null) ? a : (a.isBefore(b) ? a : b);
	}

	/** Pointers a change needs before it is saved: new watches, the earlier timer. */
	private Mono<Void> before(ReviewCase before, ReviewCase after) {
		Instant due = earliest(nextDue(before), nextDue(after));
		// most cases never have anything time-driven: no timer to write
		Mono<Void> work = (due == null) ? Mono.empty() : this.pointers.schedule(after.requestId(), due);
		for (String kind : watches(after)) {
			if (!watches(before).contains(kind)) {
				work = work.then(this.pointers.watch(kind, after.requestId(), after.identifierKeys()));
			}
		}
		return work;
	}

	/** Pointers a saved change no longer needs. */
	private Mono<Void> after(ReviewCase before, ReviewCase after) {
		Mono<Void> work = (nextDue(before) == null && nextDue(after) == null) ? Mono.empty()
				: this.pointers.schedule(after.requestId(), nextDue(after));
		for (String kind : watches(before)) {
			if (!watches(after).contains(kind)) {
				work = work.then(this.pointers.unwatch(kind, after.requestId(), after.identifierKeys()));
			}
		}
		return work;
	}

}
