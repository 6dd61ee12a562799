package ler.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Freezes the wire form of every event type, with all its fields set. A missing golden
 * file fails the test and leaves a candidate under {@code target/golden-candidates} to
 * review and copy into {@code src/test/resources/golden}.
 */
class NewEventTypesWireFormatTest {

	static final UUID ID = EventWireFormatTest.REQUEST_ID;

	static final Instant AT = Instant.parse("2012-03-20T09:30:00Z");

	static final RequestSummary SUMMARY = new RequestSummary("US", "consumer", "ENTERPRISE", "SEARCH_WARRANT", 2,
			Instant.parse("2012-03-14T10:00:00Z"));

	static final RequestReceived.Document DOCUMENT = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2b3",
			"warrant-2012-117.pdf", "application/pdf", 48213,
			"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");

	static Map<String, Object> fixtures() {
		Map<String, Object> events = new LinkedHashMap<>();
		events.put("request-received.v1.full",
				new RequestReceived(ID,
						new RequestReceived.Agency("Federal Bureau of Investigation", "US", "agent@fbi.gov"),
						"consumer", "ENTERPRISE", "SEARCH_WARRANT",
						List.of(new RequestReceived.Identifier("EMAIL", "cfo@contoso.example"),
								new RequestReceived.Identifier("ACCOUNT_ID", "contoso-4711")),
						Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z"), true, "contoso",
						List.of("CONTENT", "NON_CONTENT"),
						new RequestReceived.DateRange(Instant.parse("2011-01-01T00:00:00Z"),
								Instant.parse("2012-01-01T00:00:00Z")),
						null, Instant.parse("2013-03-14T00:00:00Z"), DOCUMENT));
		events.put("document-attached.v1", new DocumentAttached(ID, DOCUMENT, AT));
		events.put("request-withdrawn.v1", new RequestWithdrawn(ID, "served in error", AT));
		events.put("decision-recorded.v1.full", new DecisionRecorded(ID, "DISCLOSE_CONTENT", "customer consented",
				"counsel@provider.example", AT, "SEEK_CUSTOMER_CONSENT", SUMMARY, "CUSTOMER_CONSENT"));
		events.put("decision-amended.v1", new DecisionAmended(ID, "REJECT", null, "DISCLOSE_CONTENT",
				"CUSTOMER_CONSENT", "consent withdrawn before disclosure", "counsel@provider.example", AT, SUMMARY));
		events.put("requester-verified.v1",
				new RequesterVerified(ID, true, "called the field office back", "counsel@provider.example", AT));
		events.put("customer-consent-answered.v1",
				new CustomerConsentAnswered(ID, true, "signed by contoso legal", "counsel@provider.example", AT));
		events.put("preservation-started.v1", new PreservationStarted(ID, Instant.parse("2012-06-18T09:30:00Z"),
				"preserve pending warrant", "counsel@provider.example", AT));
		events.put("preservation-extended.v1", new PreservationExtended(ID, Instant.parse("2012-09-16T09:30:00Z"),
				"agency asked for more time", "counsel@provider.example", AT));
		events.put("preservation-expired.v1", new PreservationExpired(ID, AT));
		events.put("case-withdrawn.v1", new CaseWithdrawn(ID, "served in error", AT, SUMMARY));
		events.put("user-notification-due.v1", new UserNotificationDue(ID, Instant.parse("2013-03-14T00:00:00Z"), AT));
		events.put("case-flagged.v1", new CaseFlagged(ID, "FORMAL_PROCESS_MISSING",
				"emergency disclosure on 2012-03-20 not followed by legal process within 14 days", AT));
		events.put("case-flagged.v1.overdue",
				new CaseFlagged(ID, CaseFlagged.OVERDUE, "no answer by 2012-04-13T10:00:00Z", AT, new RequestSummary(
						"US", "consumer", "CONSUMER", "SUBPOENA", 1, Instant.parse("2012-03-14T10:00:00Z"), true)));
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
		EventEnvelope<Object> envelope = EventEnvelope.wrap(EventWireFormatTest.EVENT_ID,
				(data instanceof RequestEvent) ? "/intake-service" : "/review-service", ID, 2, AT, data);
		byte[] encoded = this.codec.encode(envelope);
		byte[] golden = golden(name);
		if (golden == null) {
			Path candidate = Path.of("target", "golden-candidates", name + ".json");
			Files.createDirectories(candidate.getParent());
			Files.writeString(candidate,
					this.json.writerWithDefaultPrettyPrinter().writeValueAsString(this.json.readTree(encoded)) + "\n");
			fail("no golden file for " + name + "; review " + candidate + " and copy it to src/test/resources/golden");
		}
		assertThat(this.json.readTree(encoded)).isEqualTo(this.json.readTree(golden));
		EventEnvelope<?> decoded = (data instanceof RequestEvent) ? this.codec.decodeRequestEvent(golden)
				: this.codec.decodeReviewEvent(golden);
		assertThat(decoded).isEqualTo(envelope);
	}

	static byte[] golden(String name) throws IOException {
		try (InputStream in = NewEventTypesWireFormatTest.class.getResourceAsStream("/golden/" + name + ".json")) {
			return (in == null) ? null : in.readAllBytes();
		}
	}

}
