package ler.intake.request.document;

public class DocumentTooLargeException extends RuntimeException {

	public DocumentTooLargeException(String message) {
		super(message);
	}

}
