package ler.intake.request.messaging;

import java.time.Duration;

import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.ReviewEvent;
import ler.events.UnknownEventTypeException;
import ler.intake.request.RequestViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * Keeps the requester's view in step with both streams. One record at a time and
 * blocking, so the binder's retries and dead-lettering apply and offsets never pass a
 * failed record.
 */
@Component
class ViewUpdater {

	private static final Logger log = LoggerFactory.getLogger(ViewUpdater.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final RequestViews views;

	ViewUpdater(EventCodec codec, RequestViews views) {
		this.codec = codec;
		this.views = views;
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
		if (event instanceof RequestReceived received) {
			this.views.recordReceived(received).block(WRITE_TIMEOUT);
		}
		else if (event instanceof DocumentAttached attached) {
			this.views.recordDocument(attached).block(WRITE_TIMEOUT);
		}
		else if (event instanceof RequestWithdrawn withdrawn) {
			this.views.recordWithdrawalRequested(withdrawn).block(WRITE_TIMEOUT);
		}
	}

	void onReviewEvent(Message<byte[]> message) {
		EventEnvelope<ReviewEvent> envelope;
		try {
			envelope = this.codec.decodeReviewEvent(message.getPayload());
		}
		catch (UnknownEventTypeException ex) {
			log.info("Skipping an event this version does not know: {}", ex.getMessage());
			return;
		}
		this.views.recordReview(envelope, envelope.data()).block(WRITE_TIMEOUT);
	}

}
