package ler.reporting.statistics;

/** A query parameter broke a rule. */
public class InvalidQueryException extends RuntimeException {

	private final String field;

	private final String rule;

	public InvalidQueryException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	public String field() {
		return this.field;
	}

	public String rule() {
		return this.rule;
	}

}
