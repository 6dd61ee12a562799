package ler.intake.request.messaging;

/** The broker did not acknowledge the event: nothing was accepted. */
public class PublishFailedException extends RuntimeException {

	public PublishFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
