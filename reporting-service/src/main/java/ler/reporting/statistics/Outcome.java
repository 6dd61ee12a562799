package ler.reporting.statistics;

import java.util.Optional;

/**
 * The report buckets: mutually exclusive per request, summing to the decided requests. A
 * redirect to the enterprise customer discloses nothing and is not "no data found", so it
 * counts as rejected (the 2012 report's enterprise line reads "rejected or redirected").
 */
public enum Outcome {

	CONTENT("content"), NON_CONTENT("nonContent"), NO_DATA_FOUND("noData"), REJECTED("rejected");

	private final String metric;

	Outcome(String metric) {
		this.metric = metric;
	}

	public String metric() {
		return this.metric;
	}

	/**
	 * @return the bucket of a decision, or empty for a decision that does not close the
	 * request
	 */
	public static Optional<Outcome> of(String decision) {
		if (decision == null) {
			return Optional.empty();
		}
		return switch (decision) {
			case "DISCLOSE_CONTENT" -> Optional.of(CONTENT);
			case "DISCLOSE_NON_CONTENT" -> Optional.of(NON_CONTENT);
			case "NO_DATA_FOUND" -> Optional.of(NO_DATA_FOUND);
			case "REJECT", "REDIRECT_TO_CUSTOMER" -> Optional.of(REJECTED);
			default -> Optional.empty();
		};
	}

}
