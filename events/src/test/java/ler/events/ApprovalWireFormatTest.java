package ler.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Freezes the wire form of the review events' additions of issue 12: the second approver
 * of a four-eyes decision or amendment ({@code approvedBy}) and the evidence of a
 * customer's consent. Events written before them still read, with the fields null.
 */
class ApprovalWireFormatTest {

	static final Instant AT = NewEventTypesWireFormatTest.AT;

	static Map<String, Object> fixtures() {
		Map<String, Object> events = new LinkedHashMap<>();
		events.put("decision-recorded.v1.approved",
				new DecisionRecorded(NewEventTypesWireFormatTest.ID, "DISCLOSE_CONTENT", "warrant covers stored mail",
						"account-7c1d", AT, null, NewEventTypesWireFormatTest.SUMMARY, "LEGAL_PROCESS",
						"account-2b9e"));
		events.put("decision-amended.v1.approved",
				new DecisionAmended(NewEventTypesWireFormatTest.ID, "REJECT", null, "DISCLOSE_CONTENT", "LEGAL_PROCESS",
						"warrant quashed on appeal", "account-7c1d", AT, NewEventTypesWireFormatTest.SUMMARY,
						"account-2b9e"));
		events.put("customer-consent-answered.v1.evidence",
				new CustomerConsentAnswered(NewEventTypesWireFormatTest.ID, true, "contoso legal signed",
						"account-7c1d", AT, new CustomerConsentAnswered.Evidence("SIGNED_LETTER",
								Instant.parse("2012-03-19T16:00:00Z"), "general counsel, Contoso Ltd")));
		return events;
	}

	static Stream<Arguments> cases() {
		return fixtures().entrySet().stream().map((e) -> Arguments.of(e.getKey(), e.getValue()));
	}

	final EventCodec codec = new EventCodec();

	final JsonMapper json = JsonMapper.builder().build();

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void matchesGoldenJsonBothWays(String name, Object data) throws IOException {
		EventEnvelope<Object> envelope = EventEnvelope.wrap(EventWireFormatTest.EVENT_ID, "/review-service",
				NewEventTypesWireFormatTest.ID, 2, AT, data);
		byte[] encoded = this.codec.encode(envelope);
		byte[] golden = NewEventTypesWireFormatTest.golden(name);
		if (golden == null) {
			Path candidate = Path.of("target", "golden-candidates", name + ".json");
			Files.createDirectories(candidate.getParent());
			Files.writeString(candidate,
					this.json.writerWithDefaultPrettyPrinter().writeValueAsString(this.json.readTree(encoded)) + "\n");
			fail("no golden file for " + name + "; review " + candidate + " and copy it to src/test/resources/golden");
		}
		assertThat(this.json.readTree(encoded)).isEqualTo(this.json.readTree(golden));
		assertThat(this.codec.decodeReviewEvent(golden)).isEqualTo(envelope);
	}

	@Test
	void eventsWrittenBeforeTheSecondApprovalReadWithTheNewFieldsNull() throws IOException {
		DecisionRecorded recorded = (DecisionRecorded) this.codec
			.decodeReviewEvent(NewEventTypesWireFormatTest.golden("decision-recorded.v1.full"))
			.data();
		assertThat(recorded.approvedBy()).isNull();
		assertThat(recorded.basis()).isEqualTo("CUSTOMER_CONSENT");
		DecisionAmended amended = (DecisionAmended) this.codec
			.decodeReviewEvent(NewEventTypesWireFormatTest.golden("decision-amended.v1"))
			.data();
		assertThat(amended.approvedBy()).isNull();
		CustomerConsentAnswered consent = (CustomerConsentAnswered) this.codec
			.decodeReviewEvent(NewEventTypesWireFormatTest.golden("customer-consent-answered.v1"))
			.data();
		assertThat(consent.evidence()).isNull();
		assertThat(consent.granted()).isTrue();
	}

}
