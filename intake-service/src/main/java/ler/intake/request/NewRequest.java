package ler.intake.request;

import java.util.List;

/**
 * A submission as it arrives over HTTP: strings everywhere, so that every bad value
 * reaches the validator and gets an answer naming its field and rule.
 *
 * @param enterpriseCustomer the customer's reference; required for {@code ENTERPRISE}
 * @param dataCategories {@code CONTENT} and/or {@code NON_CONTENT}: what the agency seeks
 * @param dataRange the period of the data sought
 * @param emergencyJustification required for {@code EMERGENCY}: the danger that cannot
 * wait
 * @param nondisclosureUntil expiry of a nondisclosure (gag) order served with the request
 */
public record NewRequest(Agency agency, String service, String customerType, String legalProcess,
		List<Identifier> identifiers, String receivedAt, String enterpriseCustomer, List<String> dataCategories,
		DateRange dataRange, String emergencyJustification, String nondisclosureUntil) {

	public NewRequest(Agency agency, String service, String customerType, String legalProcess,
			List<Identifier> identifiers, String receivedAt) {
		this(agency, service, customerType, legalProcess, identifiers, receivedAt, null, null, null, null, null);
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	public record Identifier(String type, String value) {
	}

	public record DateRange(String from, String to) {
	}

}
