package ler.review.cases.model;

/**
 * The move is allowed in this state but breaks a legal or policy rule, named by
 * {@link #rule()}.
 */
public class PolicyViolationException extends RuntimeException {

	private final String rule;

	public PolicyViolationException(String rule, String message) {
		super(message);
		this.rule = rule;
	}

	public String rule() {
		return this.rule;
	}

}
