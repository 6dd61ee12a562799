package ler.intake.request;

import java.time.Instant;
import java.util.List;

/** A request that passed every intake rule. */
public record ValidRequest(Agency agency, String service, CustomerType customerType, LegalProcess legalProcess,
		List<Identifier> identifiers, Instant receivedAt) {

	public ValidRequest {
		identifiers = List.copyOf(identifiers);
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	public record Identifier(IdentifierType type, String value) {
	}

}
