package ler.intake.request;

import java.util.List;

/**
 * A submission as it arrives over HTTP: strings everywhere, so that every bad value
 * reaches the validator and gets an answer naming its field and rule.
 */
public record NewRequest(Agency agency, String service, String customerType, String legalProcess,
		List<Identifier> identifiers, String receivedAt) {

	public record Agency(String name, String country, String contactEmail) {
	}

	public record Identifier(String type, String value) {
	}

}
