package ler.intake.request;

import java.time.Instant;
import java.util.List;

/** A request that passed every intake rule. */
public record ValidRequest(Agency agency, String service, CustomerType customerType, LegalProcess legalProcess,
		List<Identifier> identifiers, Instant receivedAt, boolean requesterVerified, String enterpriseCustomer,
		List<DataCategory> dataCategories, Instant dataFrom, Instant dataTo, String emergencyJustification,
		Instant nondisclosureUntil) {

	public ValidRequest {
		identifiers = List.copyOf(identifiers);
		dataCategories = List.copyOf(dataCategories);
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	/**
	 * @param value as submitted, for counsel
	 * @param key the identity to compare by (see {@link IdentifierKeys})
	 */
	public record Identifier(IdentifierType type, String value, String key) {
	}

}
