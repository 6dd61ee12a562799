package ler.review.cases.messaging;

import java.time.Clock;
import java.time.Duration;

import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestEvent;
import ler.events.RequestReceived;
import ler.events.UnknownEventTypeException;
import ler.review.cases.ReviewCases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/** Opens a review case for each received request, one record at a time. */
@Component
class CaseOpener {

	private static final Logger log = LoggerFactory.getLogger(CaseOpener.class);

	private final EventCodec codec;

	private final ReviewCases cases;

	private final Clock clock;

	CaseOpener(EventCodec codec, ReviewCases cases, Clock clock) {
		this.codec = codec;
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
		if (envelope.data() instanceof RequestReceived received) {
			this.cases.open(received, this.clock.instant()).block(Duration.ofSeconds(30));
		}
	}

}
