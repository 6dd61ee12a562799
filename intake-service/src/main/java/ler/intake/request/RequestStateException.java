package ler.intake.request;

/** The request is not in a state that allows this move. */
public class RequestStateException extends RuntimeException {

	private final String current;

	public RequestStateException(String current, String message) {
		super(message);
		this.current = current;
	}

	public String current() {
		return this.current;
	}

}
