package ler.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Freezes the wire form of every event. A failure here means a change would break
 * consumers already running against the old form: make it additive, or make it a new
 * type.
 */
class EventWireFormatTest {

	static final UUID REQUEST_ID = UUID.fromString("6f1c2b1e-3d4a-4f6b-9a1e-2b3c4d5e6f70");

	static final UUID EVENT_ID = UUID.fromString("0b9e8d7c-6a5b-4c3d-8e2f-1a0b9c8d7e6f");

	final EventCodec codec = new EventCodec();

	final JsonMapper json = JsonMapper.builder().build();

	static EventEnvelope<RequestEvent> aRequestReceived() {
		return EventEnvelope.wrap(EVENT_ID, "/intake-service", REQUEST_ID, 1, Instant.parse("2012-03-14T10:00:05Z"),
				new RequestReceived(REQUEST_ID,
						new RequestReceived.Agency("Metropolitan Police Service", "GB", "liaison@met.police.uk"),
						"consumer", "CONSUMER", "SUBPOENA",
						List.of(new RequestReceived.Identifier("EMAIL", "someone@example.com")),
						Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z")));
	}

	static EventEnvelope<ReviewEvent> aDecisionRecorded() {
		return EventEnvelope.wrap(EVENT_ID, "/review-service", REQUEST_ID, 1, Instant.parse("2012-03-20T09:30:00Z"),
				new DecisionRecorded(REQUEST_ID, "DISCLOSE_NON_CONTENT", "valid subpoena", "counsel@provider.example",
						Instant.parse("2012-03-20T09:30:00Z"), null, new RequestSummary("GB", "consumer", "CONSUMER",
								"SUBPOENA", 1, Instant.parse("2012-03-14T10:00:00Z"))));
	}

	@Test
	void requestReceivedMatchesGoldenJson() {
		assertThat(this.json.readTree(this.codec.encode(aRequestReceived())))
			.isEqualTo(this.json.readTree(golden("request-received.v1.json")));
		assertThat(this.codec.decodeRequestEvent(golden("request-received.v1.json"))).isEqualTo(aRequestReceived());
	}

	@Test
	void decisionRecordedMatchesGoldenJson() {
		assertThat(this.json.readTree(this.codec.encode(aDecisionRecorded())))
			.isEqualTo(this.json.readTree(golden("decision-recorded.v1.json")));
		assertThat(this.codec.decodeReviewEvent(golden("decision-recorded.v1.json"))).isEqualTo(aDecisionRecorded());
	}

	static EventEnvelope<RequestEvent> aRequestReceivedWithIdentifierKeys() {
		return EventEnvelope.wrap(EVENT_ID, "/intake-service", REQUEST_ID, 1, Instant.parse("2012-03-14T10:00:05Z"),
				new RequestReceived(REQUEST_ID,
						new RequestReceived.Agency("Metropolitan Police Service", "GB", "liaison@met.police.uk"),
						"consumer", "CONSUMER", "SEARCH_WARRANT",
						List.of(new RequestReceived.Identifier("EMAIL", "Suspect.Name@Example.com",
								"suspect.name@example.com"),
								new RequestReceived.Identifier("PHONE", "+44 20 7946 0958", "+442079460958"),
								new RequestReceived.Identifier("IP_ADDRESS", "2001:DB8:0:0:0:0:0:1", "2001:db8::1")),
						Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z")));
	}

	@Test
	void identifierKeysAreAnAdditiveField() {
		assertThat(this.json.readTree(this.codec.encode(aRequestReceivedWithIdentifierKeys())))
			.isEqualTo(this.json.readTree(golden("request-received.v1.identifier-keys.json")));
		assertThat(this.codec.decodeRequestEvent(golden("request-received.v1.identifier-keys.json")))
			.isEqualTo(aRequestReceivedWithIdentifierKeys());
	}

	@Test
	void anEventWrittenBeforeIdentifierKeysReadsWithoutAKeyAndFallsBackToTheValue() {
		RequestReceived old = (RequestReceived) this.codec.decodeRequestEvent(golden("request-received.v1.json"))
			.data();
		assertThat(old.identifiers().get(0).key()).isNull();
		assertThat(old.identifiers().get(0).keyOrValue()).isEqualTo("someone@example.com");
		RequestReceived keyed = (RequestReceived) aRequestReceivedWithIdentifierKeys().data();
		assertThat(keyed.identifiers().get(0).keyOrValue()).isEqualTo("suspect.name@example.com");
	}

	@Test
	void readsEventWithUnknownExtraFields() {
		assertThat(this.codec.decodeRequestEvent(golden("request-received.v1.with-unknown-fields.json")))
			.isEqualTo(aRequestReceived());
	}

	@Test
	void rejectsBytesThatAreNotAnEvent() {
		assertThatThrownBy(() -> this.codec.decodeRequestEvent("not json".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decodeRequestEvent("[1,2]".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(MalformedEventException.class);
		assertThatThrownBy(() -> this.codec.decodeRequestEvent(
				"{\"type\":\"RequestReceived\",\"id\":\"x\",\"source\":\"s\",\"specversion\":\"1.0\",\"subject\":\"s\"}"
					.getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(MalformedEventException.class);
	}

	@Test
	void tellsUnknownTypesApartFromMalformedEvents() {
		assertThatThrownBy(() -> this.codec
			.decodeRequestEvent("{\"type\":\"SomethingNew\",\"data\":{}}".getBytes(StandardCharsets.UTF_8)))
			.isInstanceOf(UnknownEventTypeException.class);
		assertThatThrownBy(() -> this.codec.decodeReviewEvent(golden("request-received.v1.json")))
			.isInstanceOf(UnknownEventTypeException.class);
	}

	static byte[] golden(String name) {
		try (InputStream in = EventWireFormatTest.class.getResourceAsStream("/golden/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException | NullPointerException ex) {
			throw new IllegalStateException("golden file " + name, ex);
		}
	}

}
