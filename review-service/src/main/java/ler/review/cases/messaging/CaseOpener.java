package ler.review.cases.messaging;

import java.time.Clock;
import java.time.Duration;

import ler.events.DocumentAttached;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.UnknownEventTypeException;
import ler.review.cases.CaseReview;
import ler.review.cases.ReviewCase;
import ler.review.cases.ReviewCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Applies the request stream to review cases, one record at a time. */
@Component
class CaseOpener {

	private static final Logger log = LoggerFactory.getLogger(CaseOpener.class);

	private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);

	private final EventCodec codec;

	private final CaseReview review;

	private final ReviewCases cases;

	private final Clock clock;

	CaseOpener(EventCodec codec, CaseReview review, ReviewCases cases, Clock clock) {
		this.codec = codec;
		this.review = review;
		this.cases = cases;
		this.clock = clock;
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
			this.review.open(received).block(WRITE_TIMEOUT);
		}
		else if (event instanceof DocumentAttached attached) {
			RequestReceived.Document d = attached.document();
			this.cases.attachDocument(attached.requestId(),
					new ReviewCase.Document(d.documentId(), d.fileName(), d.mediaType(), d.size(), d.sha256()),
					new ReviewCase.HistoryEntry(this.clock.instant(), "requester", "DOCUMENT_ATTACHED",
							d.fileName() + " sha256 " + d.sha256()))
				.block(WRITE_TIMEOUT);
		}
		else if (event instanceof RequestWithdrawn withdrawn) {
			this.review.withdraw(withdrawn.requestId(), withdrawn.reason()).block(WRITE_TIMEOUT);
		}
	}

}
