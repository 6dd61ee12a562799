package ler.intake.request;

import java.util.List;

/**
 * The caller's token does not permit this (403), though its role allows the route: an
 * officer's token without an agency, or an emergency request from an officer without the
 * emergency permission. Nothing was stored or published.
 */
public class NotPermittedException extends RuntimeException {

	private final List<Violation> violations;

	public NotPermittedException(String message, List<Violation> violations) {
		super(message);
		this.violations = List.copyOf(violations);
	}

	/** The rules that refused it, each naming the field or claim concerned. */
	public List<Violation> violations() {
		return this.violations;
	}

}
