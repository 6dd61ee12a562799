package ler.review.cases.model;

/**
 * A proposal that needs four eyes was answered by the person who proposed it: a second,
 * different senior counsel must approve it (issue 12). Nothing changes.
 */
public class FourEyesException extends RuntimeException {

	public FourEyesException(String message) {
		super(message);
	}

}
