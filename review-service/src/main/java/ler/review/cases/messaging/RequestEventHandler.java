package ler.review.cases.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;

import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventType;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.UnknownEventTypeException;
import ler.platform.deadletter.Polls;
import ler.review.cases.application.CaseService;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.ReviewCase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Applies the request stream to review cases, one poll at a time and blocking: each run
 * of received requests is opened together ({@link CaseService#openAll}, a constant number
 * of store writes per run), other events one by one in their place. When that fails, the
 * records from the failing run or event on are applied again one by one; the first record
 * that cannot be read or applied is named to the listener container
 * ({@link BatchListenerFailedException}): the records before it are committed, it alone
 * is retried, then dead-lettered, and the rest of the poll follows (platform's
 * {@link Polls}, ADR 15). Maps the contract's records to review's own commands here, at
 * the edge.
 */
@Component
class RequestEventHandler {

	private static final Logger log = LoggerFactory.getLogger(RequestEventHandler.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final CaseService cases;

	private final MeterRegistry meters;

	RequestEventHandler(EventCodec codec, CaseService cases, MeterRegistry meters) {
		this.codec = codec;
		this.cases = cases;
		this.meters = meters;
	}

	/**
	 * Applies one poll of {@code ler.requests} records, in order per request (platform's
	 * {@link Polls}).
	 * @throws BatchListenerFailedException naming the first record that cannot be read or
	 * applied; every record before it is applied
	 */
	void onRequestEvents(Message<List<byte[]>> records) {
		Polls.apply(records.getPayload(), this::read, this::applyAll, (event) -> work(event).block(WRITE_TIMEOUT));
	}

	private Polls.Read<RequestEvent> read(byte[] payload) {
		try {
			return Polls.Read.item(this.codec.decodeRequestEvent(payload).data());
		}
		catch (UnknownEventTypeException ex) {
			return Polls.Read.skip(() -> log.info("Skipping an event this version does not know: {}", ex.getMessage()));
		}
	}

	/**
	 * Each run of received requests opened together, other events one by one between.
	 * Says how far it got when it fails ({@link Polls.PartlyApplied}): a withdrawal
	 * applied again would note a second withdrawal in the case's history.
	 */
	private void applyAll(List<RequestEvent> events) {
		int i = 0;
		while (i < events.size()) {
			int start = i;
			try {
				List<CaseCommand.Open> run = new ArrayList<>();
				while (i < events.size() && events.get(i) instanceof RequestReceived received) {
					run.add(open(received));
					i++;
				}
				if (run.isEmpty()) {
					work(events.get(i)).block(WRITE_TIMEOUT);
					i++;
				}
				else {
					this.cases.openAll(run).block(WRITE_TIMEOUT);
					this.meters.summary("ler.review.open.batch").record(run.size());
				}
			}
			catch (RuntimeException ex) {
				// a run is opened again from its start (every step idempotent); an event
				// that failed alone is tried again alone
				throw new Polls.PartlyApplied(start, ex);
			}
		}
	}

	private Mono<?> work(RequestEvent event) {
		return switch (EventType.of(event.getClass())) {
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
