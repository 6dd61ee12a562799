package ler.intake.request;

/** The broker did not acknowledge the event: nothing was accepted. */
public class PublishFailedException extends RuntimeException {

	public PublishFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
