package ler.review.cases;

public enum CaseStatus {

	PENDING, AWAITING_CONSENT, DECIDED;

	public boolean isOpen() {
		return this != DECIDED;
	}

}
