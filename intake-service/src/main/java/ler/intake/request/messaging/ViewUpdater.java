package ler.intake.request.messaging;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import ler.events.CaseFlagged;
import ler.events.CustomerConsentAnswered;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.EventType;
import ler.events.PreservationExtended;
import ler.events.PreservationStarted;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.RequesterVerified;
import ler.events.ReviewEvent;
import ler.events.UnknownEventTypeException;
import ler.events.UserNotificationDue;
import ler.intake.request.RequestStatus;
import ler.intake.request.RequestViews;
import ler.intake.request.RequestViews.ReviewChange;
import ler.platform.deadletter.Polls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Keeps the requester's view in step with both streams, one poll at a time and blocking:
 * a poll's writes go in one bulk write; when that fails they are made again one by one,
 * and the first record that cannot be read or written is retried alone, then
 * dead-lettered, so offsets never pass a failed record silently (platform's
 * {@link Polls}, ADR 11). Every write is idempotent and commutes with the others. Each
 * stream's events are handled by a {@code switch} over {@link EventType} with no default,
 * so a new event type does not compile until it is handled here; a type this version does
 * not know (from a newer producer) is skipped and counted in
 * {@code ler_view_skipped_total}.
 */
@Component
class ViewUpdater {

	private static final Logger log = LoggerFactory.getLogger(ViewUpdater.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final RequestViews views;

	private final MeterRegistry meters;

	ViewUpdater(EventCodec codec, RequestViews views, MeterRegistry meters) {
		this.codec = codec;
		this.views = views;
		this.meters = meters;
		// shown at 0 from the start, so an alert on its rate has a series to watch
		meters.counter("ler.view.skipped", "stream", "requests");
		meters.counter("ler.view.skipped", "stream", "decisions");
	}

	/**
	 * Applies one poll of {@code ler.requests} records: their writes in one bulk write
	 * (platform's {@link Polls}).
	 * @throws BatchListenerFailedException naming the first record that cannot be read or
	 * written; every record before it is written
	 */
	void onRequestEvents(Message<List<byte[]>> records) {
		Polls.apply(records.getPayload(), this::requestWrite, this::writeAll, this::write);
	}

	/**
	 * Applies one poll of {@code ler.decisions} records; see {@link #onRequestEvents}.
	 */
	void onReviewEvents(Message<List<byte[]>> records) {
		Polls.apply(records.getPayload(), this::reviewWrite, this::writeAll, this::write);
	}

	private void writeAll(List<RequestViews.Write> writes) {
		this.views.applyAll(writes).block(WRITE_TIMEOUT);
		this.meters.summary("ler.view.batch").record(writes.size());
	}

	private void write(RequestViews.Write write) {
		this.views.apply(write).block(WRITE_TIMEOUT);
	}

	private Polls.Read<RequestViews.Write> requestWrite(byte[] payload) {
		EventEnvelope<RequestEvent> envelope;
		try {
			envelope = this.codec.decodeRequestEvent(payload);
		}
		catch (UnknownEventTypeException ex) {
			return Polls.Read.skip(() -> skip("requests", ex));
		}
		long sequence = envelope.sequence();
		RequestEvent event = envelope.data();
		return Polls.Read.item(switch (type(envelope)) {
			case REQUEST_RECEIVED -> this.views.received((RequestReceived) event, sequence);
			case DOCUMENT_ATTACHED -> this.views.document((DocumentAttached) event, sequence);
			case REQUEST_WITHDRAWN -> this.views.withdrawalRequested((RequestWithdrawn) event, sequence);
			case DECISION_RECORDED, DECISION_AMENDED, REQUESTER_VERIFIED, CUSTOMER_CONSENT_ANSWERED,
					PRESERVATION_STARTED, PRESERVATION_EXTENDED, PRESERVATION_EXPIRED, CASE_WITHDRAWN,
					USER_NOTIFICATION_DUE, CASE_FLAGGED ->
				throw new IllegalStateException("the codec decodes only request events from the request stream");
		});
	}

	private Polls.Read<RequestViews.Write> reviewWrite(byte[] payload) {
		EventEnvelope<ReviewEvent> envelope;
		try {
			envelope = this.codec.decodeReviewEvent(payload);
		}
		catch (UnknownEventTypeException ex) {
			return Polls.Read.skip(() -> skip("decisions", ex));
		}
		return Polls.Read.item(this.views.review(envelope.data().requestId(), envelope.sequence(), change(envelope)));
	}

	/** What a review event changes in the requester's view. */
	static ReviewChange change(EventEnvelope<ReviewEvent> envelope) {
		ReviewEvent event = envelope.data();
		return switch (type(envelope)) {
			case DECISION_RECORDED -> {
				DecisionRecorded d = (DecisionRecorded) event;
				yield new ReviewChange("SEEK_CUSTOMER_CONSENT".equals(d.decision()) ? "AWAITING_CONSENT" : "DECIDED",
						new RequestStatus.Decision(d.decision(), d.basis(), d.reason(), d.counsel(), d.decidedAt(),
								false),
						null, null, null, null, null);
			}
			case DECISION_AMENDED -> {
				DecisionAmended a = (DecisionAmended) event;
				yield new ReviewChange("DECIDED", new RequestStatus.Decision(a.decision(), a.basis(), a.reason(),
						a.counsel(), a.amendedAt(), true), null, null, null, null, null);
			}
			case REQUESTER_VERIFIED -> ((RequesterVerified) event).verified() ? ReviewChange.status("PENDING_REVIEW")
					: new ReviewChange(null, null, false, null, null, null, null);
			case CUSTOMER_CONSENT_ANSWERED -> new ReviewChange("PENDING_REVIEW", null, null,
					((CustomerConsentAnswered) event).granted() ? "GRANTED" : "REFUSED", null, null, null);
			case PRESERVATION_STARTED -> new ReviewChange("PRESERVED", null, null, null,
					((PreservationStarted) event).preservedUntil(), null, null);
			case PRESERVATION_EXTENDED -> new ReviewChange("PRESERVED", null, null, null,
					((PreservationExtended) event).preservedUntil(), null, null);
			case PRESERVATION_EXPIRED -> ReviewChange.status("PRESERVATION_EXPIRED");
			case CASE_WITHDRAWN -> ReviewChange.status("WITHDRAWN");
			case USER_NOTIFICATION_DUE ->
				new ReviewChange(null, null, null, null, null, ((UserNotificationDue) event).at(), null);
			case CASE_FLAGGED -> new ReviewChange(null, null, null, null, null, null, ((CaseFlagged) event).flag());
			case REQUEST_RECEIVED, DOCUMENT_ATTACHED, REQUEST_WITHDRAWN ->
				throw new IllegalStateException("the codec decodes only review events from the decision stream");
		};
	}

	private static EventType type(EventEnvelope<?> envelope) {
		return EventType.of(envelope.data().getClass());
	}

	private void skip(String stream, UnknownEventTypeException ex) {
		log.info("Skipping an event this version does not know: {}", ex.getMessage());
		this.meters.counter("ler.view.skipped", "stream", stream).increment();
	}

}
