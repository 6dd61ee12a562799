package ler.intake.request;

/** A multipart part declared with a content type this API does not read there. */
public class UnsupportedPartTypeException extends RuntimeException {

	private final String part;

	public UnsupportedPartTypeException(String part, String contentType) {
		super("the multipart part '" + part + "' must be JSON (application/json, or sent without a content type), not "
				+ contentType);
		this.part = part;
	}

	public String part() {
		return this.part;
	}

}
