package ler.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A law-enforcement request passed intake validation. Enumerated values travel as strings
 * so that a consumer reading a value it does not know yet can still read the event.
 *
 * @param customerType {@code CONSUMER} or {@code ENTERPRISE}
 * @param legalProcess e.g. {@code SUBPOENA}, {@code SEARCH_WARRANT}
 * @param receivedAt when the agency's request reached the provider (decides the report
 * period)
 * @param submittedAt when it was entered through intake
 */
public record RequestReceived(UUID requestId, Agency agency, String service, String customerType, String legalProcess,
		List<Identifier> identifiers, Instant receivedAt, Instant submittedAt) implements RequestEvent {

	public RequestReceived {
		identifiers = List.copyOf(identifiers);
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	public record Identifier(String type, String value) {
	}

}
