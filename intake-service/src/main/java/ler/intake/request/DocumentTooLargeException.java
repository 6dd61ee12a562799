package ler.intake.request;

public class DocumentTooLargeException extends RuntimeException {

	public DocumentTooLargeException(String message) {
		super(message);
	}

}
