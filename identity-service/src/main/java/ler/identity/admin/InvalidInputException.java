package ler.identity.admin;

import java.util.List;

/** A body that breaks one or more field rules (400). */
class InvalidInputException extends RuntimeException {

	private final List<Violation> violations;

	InvalidInputException(List<Violation> violations) {
		super(violations.size() + " field(s) broke a rule");
		this.violations = List.copyOf(violations);
	}

	List<Violation> violations() {
		return this.violations;
	}

}
