package ler.review.cases.model;

import java.util.List;

public class InvalidCommandException extends RuntimeException {

	private final List<Violation> violations;

	public InvalidCommandException(List<Violation> violations) {
		super(violations.size() + " invalid field(s)");
		this.violations = List.copyOf(violations);
	}

	public List<Violation> violations() {
		return this.violations;
	}

}
