package ler.review.cases;

/**
 * Counsel's decision (or amendment) as posted: strings, so every bad value gets a named
 * answer.
 *
 * @param contractualArrangement for an enterprise disclosure without the customer's
 * consent: the arrangement it rests on
 */
public record DecisionCommand(String decision, String reason, String counsel, String contractualArrangement) {

	public DecisionCommand(String decision, String reason, String counsel) {
		this(decision, reason, counsel, null);
	}

}
