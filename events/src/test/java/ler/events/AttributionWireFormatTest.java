package ler.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Freezes the wire form of the intake events' attribution and document versions (issue
 * 12): who submitted, for which agency, who added which document version, who withdrew.
 * Events written before these fields still read, with the fields null.
 */
class AttributionWireFormatTest {

	static final Instant AT = NewEventTypesWireFormatTest.AT;

	static Map<String, Object> fixtures() {
		Map<String, Object> events = new LinkedHashMap<>();
		events.put("request-received.v1.attributed", new RequestReceived(NewEventTypesWireFormatTest.ID,
				new RequestReceived.Agency("Federal Bureau of Investigation", "US", "agent@fbi.gov"), "consumer",
				"CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", "cfo@contoso.example")),
				Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z"), true, null, null, null,
				null, null, NewEventTypesWireFormatTest.DOCUMENT, "agency-7f3a", "account-91c2"));
		events.put("document-attached.v1.versioned", new DocumentAttached(NewEventTypesWireFormatTest.ID,
				NewEventTypesWireFormatTest.DOCUMENT, AT, 2, "account-5d1e"));
		events.put("request-withdrawn.v1.attributed",
				new RequestWithdrawn(NewEventTypesWireFormatTest.ID, "served in error", AT, "account-91c2"));
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
		EventEnvelope<Object> envelope = EventEnvelope.wrap(EventWireFormatTest.EVENT_ID, "/intake-service",
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
		assertThat(this.codec.decodeRequestEvent(golden)).isEqualTo(envelope);
	}

	@Test
	void eventsWrittenBeforeAttributionReadWithTheNewFieldsNull() throws IOException {
		DocumentAttached attached = (DocumentAttached) this.codec
			.decodeRequestEvent(NewEventTypesWireFormatTest.golden("document-attached.v1"))
			.data();
		assertThat(attached.version()).isNull();
		assertThat(attached.attachedBy()).isNull();
		RequestWithdrawn withdrawn = (RequestWithdrawn) this.codec
			.decodeRequestEvent(NewEventTypesWireFormatTest.golden("request-withdrawn.v1"))
			.data();
		assertThat(withdrawn.withdrawnBy()).isNull();
		RequestReceived received = (RequestReceived) this.codec
			.decodeRequestEvent(NewEventTypesWireFormatTest.golden("request-received.v1.full"))
			.data();
		assertThat(received.agencyId()).isNull();
		assertThat(received.submittedBy()).isNull();
	}

}
