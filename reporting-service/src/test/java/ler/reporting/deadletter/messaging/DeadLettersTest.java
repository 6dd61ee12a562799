package ler.reporting.deadletter.messaging;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What the dead-letter list shows of an exception's message. */
class DeadLettersTest {

	@Test
	void emptiesWhatAParserQuotesOfThePayload() {
		assertThat(DeadLetters
			.redact("RequestReceived: Cannot deserialize value of type `java.util.UUID` from String \"someone@example.com\": "
					+ "not a valid textual representation\n at [Source: (byte[])\"{\\\"identifiers\\\":4711}\"; line: 1]"))
			.isEqualTo("RequestReceived: Cannot deserialize value of type `...` from String \"...\": "
					+ "not a valid textual representation");
		assertThat(DeadLetters.redact("not JSON: Unrecognized token 'someone': was expecting (JSON String)"))
			.isEqualTo("not JSON: Unrecognized token '...': was expecting (JSON String)");
		assertThat(DeadLetters.redact("not JSON: Unexpected end-of-input in \"4711@exam"))
			.isEqualTo("not JSON: Unexpected end-of-input in \"...\"");
	}

	@Test
	void keepsAMessageThatQuotesNothingAndBoundsItsLength() {
		assertThat(DeadLetters.redact("data missing")).isEqualTo("data missing");
		assertThat(DeadLetters.redact(null)).isNull();
		assertThat(DeadLetters.redact("x".repeat(1000))).hasSize(DeadLetters.MAX_MESSAGE + 3);
	}

}
