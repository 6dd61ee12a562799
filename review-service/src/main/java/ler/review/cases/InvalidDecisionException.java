package ler.review.cases;

import java.util.List;

public class InvalidDecisionException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidDecisionException(List<Violation> violations) {
		super(violations.size() + " invalid field(s)");
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
