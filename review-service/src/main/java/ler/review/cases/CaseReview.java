package ler.review.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import ler.events.DecisionRecorded;
import ler.events.RequestSummary;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.review.cases.messaging.DecisionRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Recording counsel's decision: rules first, then one atomic save of decision and event.
 */
@Service
public class CaseReview {

	static final String SOURCE = "/review-service";

	private static final Logger log = LoggerFactory.getLogger(CaseReview.class);

	private static final int ATTEMPTS = 3;

	private final ReviewCases cases;

	private final DecisionRelay relay;

	private final EventCodec codec;

	private final Clock clock;

	CaseReview(ReviewCases cases, DecisionRelay relay, EventCodec codec, Clock clock) {
		this.cases = cases;
		this.relay = relay;
		this.codec = codec;
		this.clock = clock;
	}

	/**
	 * @return the case after the decision, or empty when there is no such case
	 */
	public Mono<ReviewCase> decide(UUID requestId, DecisionCommand command) {
		DecisionPolicy.validate(command);
		return attempt(requestId, command, ATTEMPTS);
	}

	private Mono<ReviewCase> attempt(UUID requestId, DecisionCommand command, int attemptsLeft) {
		return this.cases.find(requestId).flatMap((current) -> {
			Instant now = this.clock.instant();
			ReviewCase decided = DecisionPolicy.decide(current, command, now);
			UUID eventId = UUID.randomUUID();
			byte[] event = this.codec.encode(EventEnvelope.wrap(eventId, SOURCE, requestId, decided.eventSequence(),
					now, recorded(current, decided)));
			return this.cases.saveDecision(decided, eventId, event).flatMap((saved) -> {
				if (saved) {
					// the decision is safe in the outbox: publish now, or the relay will
					return this.relay.publishPending(requestId).onErrorResume((ex) -> {
						log.warn("Decision on {} saved, publish deferred to the relay: {}", requestId, ex.getMessage());
						return Mono.empty();
					}).thenReturn(decided);
				}
				if (attemptsLeft > 1) {
					return attempt(requestId, command, attemptsLeft - 1);
				}
				return Mono.error(new IllegalTransitionException(current.status(), decided.decision().decision()));
			});
		});
	}

	private static DecisionRecorded recorded(ReviewCase before, ReviewCase after) {
		ReviewCase.Request request = after.request();
		return new DecisionRecorded(after.requestId(), after.decision().decision().name(), after.decision().reason(),
				after.decision().counsel(), after.decision().decidedAt(),
				(before.decision() == null) ? null : before.decision().decision().name(),
				new RequestSummary(request.country(), request.service(), request.customerType(), request.legalProcess(),
						request.identifiers().size(), request.receivedAt()));
	}

}
