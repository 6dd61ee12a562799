package ler.review.cases.messaging;

import java.time.Duration;

import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.EventType;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.UnknownEventTypeException;
import ler.review.cases.application.CaseService;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.ReviewCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies the request stream to review cases, one record at a time and blocking: a record
 * that fails is retried by the binder, then dead-lettered. Maps the contract's records to
 * review's own commands here, at the edge.
 */
@Component
class RequestEventHandler {

	private static final Logger log = LoggerFactory.getLogger(RequestEventHandler.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final CaseService cases;

	RequestEventHandler(EventCodec codec, CaseService cases) {
		this.codec = codec;
		this.cases = cases;
	}

	void onRequestEvent(Message<byte[]> message) {
		EventEnvelope<RequestEvent> envelope;
		try {
			envelope = this.codec.decodeRequestEvent(message.getPayload());
		}
		catch (UnknownEventTypeException ex) {
			log.info("Skipping an event this version does not know: {}", ex.getMessage());
			return;
		}
		RequestEvent event = envelope.data();
		Mono<?> work = switch (EventType.of(event.getClass())) {
			case REQUEST_RECEIVED -> this.cases.open(open((RequestReceived) event));
			case DOCUMENT_ATTACHED -> {
				DocumentAttached attached = (DocumentAttached) event;
				RequestReceived.Document d = attached.document();
				yield this.cases.handle(event.requestId(), new CaseCommand.AttachDocument(
						new ReviewCase.Document(d.documentId(), d.fileName(), d.mediaType(), d.size(), d.sha256()),
						attached.version(), attached.attachedBy()));
			}
			case REQUEST_WITHDRAWN ->
				this.cases.handle(event.requestId(), new CaseCommand.Withdraw(((RequestWithdrawn) event).reason()));
			// the decoder admits only the request stream's types
			case DECISION_RECORDED, DECISION_AMENDED, REQUESTER_VERIFIED, CUSTOMER_CONSENT_ANSWERED,
					PRESERVATION_STARTED, PRESERVATION_EXTENDED, PRESERVATION_EXPIRED, CASE_WITHDRAWN,
					USER_NOTIFICATION_DUE, CASE_FLAGGED ->
				throw new IllegalStateException("not a request event: " + event.getClass().getSimpleName());
		};
		work.block(WRITE_TIMEOUT);
	}

	/** Review's own view of a received request. */
	static CaseCommand.Open open(RequestReceived event) {
		RequestReceived.Document d = event.document();
		return new CaseCommand.Open(event.requestId(), new ReviewCase.Request(event.agency().name(),
				event.agency().country(), event.agency().contactEmail(), event.service(), event.customerType(),
				event.enterpriseCustomer(), event.legalProcess(),
				event.identifiers()
					.stream()
					.map((i) -> new ReviewCase.Identifier(i.type(), i.value(), i.keyOrValue()))
					.toList(),
				event.dataCategories(), event.emergencyJustification(), event.nondisclosureUntil(), event.verified(),
				(d == null) ? null
						: new ReviewCase.Document(d.documentId(), d.fileName(), d.mediaType(), d.size(), d.sha256()),
				event.receivedAt(), event.submittedAt()));
	}

}
