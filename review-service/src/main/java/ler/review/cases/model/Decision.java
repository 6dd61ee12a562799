package ler.review.cases.model;

import java.util.Set;

/** What counsel may decide on a case. */
public enum Decision {

	REJECT, NO_DATA_FOUND, DISCLOSE_CONTENT, DISCLOSE_NON_CONTENT, REDIRECT_TO_CUSTOMER, SEEK_CUSTOMER_CONSENT,
	/** Keep the data named by a preservation request; discloses nothing. */
	PRESERVE;

	public static final Set<Decision> DISCLOSURES = Set.of(DISCLOSE_CONTENT, DISCLOSE_NON_CONTENT);

	/** True when the decision closes the case with a report outcome. */
	public boolean isFinal() {
		return this != SEEK_CUSTOMER_CONSENT && this != PRESERVE;
	}

	public boolean isDisclosure() {
		return DISCLOSURES.contains(this);
	}

}
