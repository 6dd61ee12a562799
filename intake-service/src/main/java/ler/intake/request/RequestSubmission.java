package ler.intake.request;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.DocumentAttached;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.intake.request.messaging.RequestEventPublisher;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

/**
 * Accepting a request: the caller hears "accepted" only once the broker holds the event.
 * The event log is the system of record; the local view is written after, and also
 * rebuilt from the log, so a crash in between loses nothing.
 */
@Service
public class RequestSubmission {

	static final String SOURCE = "/intake-service";

	private final RequestEventPublisher publisher;

	private final IdempotencyKeys idempotencyKeys;

	private final RequestViews views;

	private final EventCodec codec;

	private final Clock clock;

	RequestSubmission(RequestEventPublisher publisher, IdempotencyKeys idempotencyKeys, RequestViews views,
			EventCodec codec, Clock clock) {
		this.publisher = publisher;
		this.idempotencyKeys = idempotencyKeys;
		this.views = views;
		this.codec = codec;
		this.clock = clock;
	}

	/**
	 * @param fingerprint identifies the submitted content, to tell a retry from a reused
	 * key
	 */
	public Mono<Accepted> submit(ValidRequest request, String idempotencyKey, String fingerprint) {
		return submit(request, null, idempotencyKey, fingerprint);
	}

	/**
	 * @param document the legal-process document stored with the request, or null
	 */
	public Mono<Accepted> submit(ValidRequest request, RequestReceived.Document document, String idempotencyKey,
			String fingerprint) {
		EventEnvelope<RequestEvent> event = received(request, document);
		if (idempotencyKey == null) {
			return publishAndView(event).thenReturn(new Accepted(event.requestId(), false));
		}
		return this.idempotencyKeys.claim(idempotencyKey, fingerprint, event.requestId(), this.codec.encode(event))
			.flatMap((claim) -> {
				if (!claim.fingerprint().equals(fingerprint)) {
					return Mono.error(new IdempotencyKeyReusedException(idempotencyKey));
				}
				if (claim.published()) {
					return Mono.just(new Accepted(claim.requestId(), true));
				}
				EventEnvelope<RequestEvent> claimed = this.codec.decodeRequestEvent(claim.event());
				return publishAndView(claimed).then(this.idempotencyKeys.markPublished(idempotencyKey))
					.thenReturn(new Accepted(claim.requestId(), !claimed.id().equals(event.id())));
			});
	}

	/** Attaches a legal-process document to an existing request. */
	public Mono<RequestReceived.Document> attach(UUID requestId, Mono<RequestReceived.Document> stored) {
		return this.views.find(requestId)
			.switchIfEmpty(Mono.error(() -> new RequestNotFoundException(requestId)))
			.flatMap((status) -> {
				if (status.status().startsWith("WITHDRAW")) {
					return Mono
						.error(new RequestStateException(status.status(), "a withdrawn request takes no documents"));
				}
				return stored.flatMap((document) -> this.views.nextSequence(requestId).flatMap((sequence) -> {
					Instant now = this.clock.instant();
					DocumentAttached attached = new DocumentAttached(requestId, document, now);
					return this.publisher
						.publish(EventEnvelope.wrap(UUID.randomUUID(), SOURCE, requestId, sequence, now, attached))
						.then(this.views.recordDocument(attached))
						.thenReturn(document);
				}));
			});
	}

	/** The requester withdraws a request that review has not closed. */
	public Mono<Void> withdraw(UUID requestId, String reason) {
		return this.views.find(requestId)
			.switchIfEmpty(Mono.error(() -> new RequestNotFoundException(requestId)))
			.flatMap((status) -> {
				if (status.isFinal()) {
					return Mono.error(new RequestStateException(status.status(),
							"a request in state " + status.status() + " cannot be withdrawn"));
				}
				return this.views.nextSequence(requestId).flatMap((sequence) -> {
					Instant now = this.clock.instant();
					RequestWithdrawn withdrawn = new RequestWithdrawn(requestId, reason, now);
					return this.publisher
						.publish(EventEnvelope.wrap(UUID.randomUUID(), SOURCE, requestId, sequence, now, withdrawn))
						.then(this.views.recordWithdrawalRequested(withdrawn));
				});
			});
	}

	private Mono<Void> publishAndView(EventEnvelope<RequestEvent> event) {
		return this.publisher.publish(event)
			.then(Mono.defer(() -> this.views.recordReceived((RequestReceived) event.data())));
	}

	private EventEnvelope<RequestEvent> received(ValidRequest request, RequestReceived.Document document) {
		UUID requestId = UUID.randomUUID();
		Instant now = this.clock.instant();
		RequestReceived data = new RequestReceived(requestId,
				new RequestReceived.Agency(request.agency().name(), request.agency().country(),
						request.agency().contactEmail()),
				request.service(), request.customerType().name(), request.legalProcess().name(),
				request.identifiers()
					.stream()
					.map((i) -> new RequestReceived.Identifier(i.type().name(), i.value()))
					.toList(),
				request.receivedAt(), now, request.requesterVerified(), request.enterpriseCustomer(),
				request.dataCategories().stream().map(Enum::name).toList(),
				(request.dataFrom() == null) ? null
						: new RequestReceived.DateRange(request.dataFrom(), request.dataTo()),
				request.emergencyJustification(), request.nondisclosureUntil(), document);
		return EventEnvelope.wrap(UUID.randomUUID(), SOURCE, requestId, 1, now, data);
	}

	/**
	 * @param replayed true when an earlier submission with the same key is being answered
	 */
	public record Accepted(UUID requestId, boolean replayed) {
	}

}
