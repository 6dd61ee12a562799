package ler.intake.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.DocumentAttached;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.TimeOrderedIds;
import ler.platform.security.Caller;
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

	private static final Duration POLL = Duration.ofMillis(50);

	private final RequestPublisher publisher;

	private final IdempotencyKeys idempotencyKeys;

	private final RequestViews views;

	private final EventCodec codec;

	private final Clock clock;

	private final Documents documents;

	private final Duration wait;

	/**
	 * How long a claim's owner may take to publish before another submission may take the
	 * claim over: twice the publish timeout, so an owner that is still publishing has
	 * always given up (or succeeded) before then.
	 */
	private final Duration lease;

	RequestSubmission(RequestPublisher publisher, IdempotencyKeys idempotencyKeys, RequestViews views, EventCodec codec,
			Clock clock, Documents documents, IntakeProperties properties) {
		this.publisher = publisher;
		this.idempotencyKeys = idempotencyKeys;
		this.views = views;
		this.codec = codec;
		this.clock = clock;
		this.documents = documents;
		this.wait = properties.idempotencyWait();
		this.lease = publisher.timeout().multipliedBy(2);
	}

	/**
	 * Accepts a request: stores its document (if any), publishes its event and answers
	 * once the broker holds it. With an {@code Idempotency-Key}, the key is claimed
	 * before anything is stored or published, and every submission with that key by the
	 * same agency and account gets the first one's answer: while the first is in flight,
	 * a later one waits up to {@code ler.intake.idempotency-wait} and then gets 409. The
	 * same key from another caller is another key.
	 * @param submitter the officer's agency and account, from the token: recorded as the
	 * request's owner and submitter
	 * @param upload the checked legal-process document, or null
	 * @param idempotencyKey the client's key, or null
	 * @param fingerprint identifies the submitted content (JSON and document), to tell a
	 * retry from a reused key
	 * @return the request id, and whether this submission was the one that first put it
	 * on the log
	 */
	public Mono<Accepted> submit(ValidRequest request, Submitter submitter, Documents.Upload upload,
			String idempotencyKey, String fingerprint) {
		EventEnvelope<RequestEvent> event = received(request, submitter, (upload == null) ? null : upload.document());
		if (idempotencyKey == null) {
			return publish(event, upload)
				.then(Mono.defer(() -> this.views.recordReceived((RequestReceived) event.data(), event.sequence())))
				.thenReturn(new Accepted(event.requestId(), true));
		}
		Key key = new Key(idempotencyKey, IdempotencyKeys.scoped(submitter, idempotencyKey));
		String owner = UUID.randomUUID().toString();
		Instant giveUp = this.clock.instant().plus(this.wait);
		return this.idempotencyKeys
			.claim(key.stored(), fingerprint, event.requestId(), this.codec.encode(event), owner, this.lease)
			.flatMap((claim) -> resolve(claim, key, fingerprint, owner, upload, giveUp));
	}

	/**
	 * @param client the key as the client sent it, for answers
	 * @param stored the key scoped to its caller, as stored
	 */
	private record Key(String client, String stored) {
	}

	private Mono<Accepted> resolve(IdempotencyKeys.Claim claim, Key key, String fingerprint, String owner,
			Documents.Upload upload, Instant giveUp) {
		if (!claim.fingerprint().equals(fingerprint)) {
			return Mono.error(new IdempotencyKeyReusedException(key.client()));
		}
		if (claim.published()) {
			return Mono.just(new Accepted(claim.requestId(), false));
		}
		if (owner.equals(claim.owner())) {
			return publishClaimed(claim, key.stored(), owner, upload);
		}
		Instant now = this.clock.instant();
		if (!claim.leaseUntil().isAfter(now)) {
			// its owner failed or vanished before publishing: publish the same event
			// instead
			return this.idempotencyKeys.takeOver(claim, key.stored(), owner, this.lease)
				.flatMap((taken) -> taken ? publishClaimed(claim, key.stored(), owner, upload)
						: this.idempotencyKeys.find(key.stored())
							.flatMap((latest) -> resolve(latest, key, fingerprint, owner, upload, giveUp)));
		}
		if (now.isAfter(giveUp)) {
			return Mono.error(new IdempotencyKeyInFlightException());
		}
		return Mono.delay(POLL)
			.then(this.idempotencyKeys.find(key.stored()))
			.flatMap((latest) -> resolve(latest, key, fingerprint, owner, upload, giveUp));
	}

	private Mono<Accepted> publishClaimed(IdempotencyKeys.Claim claim, String key, String owner,
			Documents.Upload upload) {
		EventEnvelope<RequestEvent> claimed = this.codec.decodeRequestEvent(claim.event());
		RequestReceived.Document document = ((RequestReceived) claimed.data()).document();
		// a take-over stores this submission's bytes (the same SHA-256) under the claimed
		// id
		Documents.Upload stored = (document == null || upload == null) ? null : upload.as(document);
		return publish(claimed, stored)
			.onErrorResume((ex) -> this.idempotencyKeys.release(key, owner).onErrorComplete().then(Mono.error(ex)))
			.then(this.idempotencyKeys.markPublished(key))
			.flatMap((first) -> this.views.recordReceived((RequestReceived) claimed.data(), claimed.sequence())
				.thenReturn(new Accepted(claim.requestId(), first)));
	}

	private Mono<Void> publish(EventEnvelope<RequestEvent> event, Documents.Upload upload) {
		Mono<?> stored = (upload == null) ? Mono.empty() : this.documents.save(upload);
		return stored.then(this.publisher.publish(event));
	}

	/**
	 * Adds a version of the legal-process document to a request the caller may see. The
	 * document is append-only: the upload becomes the next version and none is replaced.
	 * Counsel may add one any time before a withdrawal; the submitting agency's officer
	 * only until counsel's decision settles the request.
	 * @param upload the upload, read and checked only once the caller may add it
	 * @return the version it became
	 * @throws RequestNotFoundException for no such request or one the caller may not see
	 * @throws RequestStateException (409) after a withdrawal, or for an officer after the
	 * decision
	 */
	public Mono<RequestStatus.Document> attach(UUID requestId, Caller caller, Mono<Documents.Upload> upload) {
		return visible(requestId, caller).flatMap((status) -> {
			if (status.status().startsWith("WITHDRAW")) {
				return Mono.error(new RequestStateException(status.status(), "a withdrawn request takes no documents"));
			}
			if (!Access.isCounsel(caller) && status.decided()) {
				return Mono.error(new RequestStateException(status.status(),
						"counsel has decided this request: only counsel may add a document version now"));
			}
			String attachedBy = Access.actor(caller).subject();
			return upload.flatMap(this.documents::save)
				.flatMap((document) -> this.views.nextDocumentVersion(requestId)
					.flatMap((version) -> this.views.nextSequence(requestId).flatMap((sequence) -> {
						Instant now = this.clock.instant();
						DocumentAttached attached = new DocumentAttached(requestId, document, now, version, attachedBy);
						EventEnvelope<DocumentAttached> event = EventEnvelope.wrap(TimeOrderedIds.next(), SOURCE,
								requestId, sequence, now, attached);
						return this.publisher.publish(event)
							.onErrorResume((ex) -> this.views.releaseDocumentVersion(requestId, version)
								.onErrorComplete()
								.then(Mono.error(ex)))
							.then(this.views.recordDocument(attached, sequence))
							.thenReturn(new RequestStatus.Document(version, document.documentId(), document.fileName(),
									document.mediaType(), document.size(), document.sha256(), now, attachedBy));
					})));
		});
	}

	/** The officer withdraws a request of their agency that review has not closed. */
	public Mono<Void> withdraw(UUID requestId, Caller caller, String reason) {
		return visible(requestId, caller).flatMap((status) -> {
			if (status.isFinal()) {
				return Mono.error(new RequestStateException(status.status(),
						"a request in state " + status.status() + " cannot be withdrawn"));
			}
			String withdrawnBy = Access.actor(caller).subject();
			return this.views.nextSequence(requestId).flatMap((sequence) -> {
				Instant now = this.clock.instant();
				RequestWithdrawn withdrawn = new RequestWithdrawn(requestId, reason, now, withdrawnBy);
				EventEnvelope<RequestWithdrawn> event = EventEnvelope.wrap(TimeOrderedIds.next(), SOURCE, requestId,
						sequence, now, withdrawn);
				return this.publisher.publish(event).then(this.views.recordWithdrawalRequested(withdrawn, sequence));
			});
		});
	}

	/**
	 * The request, if the caller may see it; else the same error as for a request that
	 * does not exist.
	 */
	public Mono<RequestStatus> visible(UUID requestId, Caller caller) {
		return this.views.find(requestId)
			.filter((status) -> Access.maySee(caller, status))
			.switchIfEmpty(Mono.error(() -> new RequestNotFoundException(requestId)));
	}

	private EventEnvelope<RequestEvent> received(ValidRequest request, Submitter submitter,
			RequestReceived.Document document) {
		UUID requestId = TimeOrderedIds.next();
		Instant now = this.clock.instant();
		RequestReceived data = new RequestReceived(requestId,
				new RequestReceived.Agency(request.agency().name(), request.agency().country(),
						request.agency().contactEmail()),
				request.service(), request.customerType().name(), request.legalProcess().name(),
				request.identifiers()
					.stream()
					.map((i) -> new RequestReceived.Identifier(i.type().name(), i.value(), i.key()))
					.toList(),
				request.receivedAt(), now, request.requesterVerified(), request.enterpriseCustomer(),
				request.dataCategories().stream().map(Enum::name).toList(),
				(request.dataFrom() == null) ? null
						: new RequestReceived.DateRange(request.dataFrom(), request.dataTo()),
				request.emergencyJustification(), request.nondisclosureUntil(), document, submitter.agencyId(),
				submitter.subject());
		return EventEnvelope.wrap(TimeOrderedIds.next(), SOURCE, requestId, 1, now, data);
	}

	/**
	 * @param firstPublished true for the one submission that first got the request's
	 * event acknowledged by the broker: the request is counted there, once, whatever the
	 * retries
	 */
	public record Accepted(UUID requestId, boolean firstPublished) {
	}

}
