package ler.review.cases.model;

/** The case is not in a state that allows this move. */
public class IllegalTransitionException extends RuntimeException {

	private final CaseStatus current;

	public IllegalTransitionException(CaseStatus current, String attempted) {
		super("a case in state " + current + " cannot " + attempted);
		this.current = current;
	}

	public CaseStatus current() {
		return this.current;
	}

}
