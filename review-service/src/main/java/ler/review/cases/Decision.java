package ler.review.cases;

/** What counsel may decide. All but {@link #SEEK_CUSTOMER_CONSENT} close the case. */
public enum Decision {

	REJECT, NO_DATA_FOUND, DISCLOSE_CONTENT, DISCLOSE_NON_CONTENT, REDIRECT_TO_CUSTOMER, SEEK_CUSTOMER_CONSENT;

	public boolean isFinal() {
		return this != SEEK_CUSTOMER_CONSENT;
	}

}
