package ler.intake.request;

import java.util.UUID;

/** A request the caller may see has no document, or not the version asked for (404). */
public class DocumentNotFoundException extends RuntimeException {

	public DocumentNotFoundException(UUID id, Integer version) {
		super((version == null) ? "request " + id + " has no document"
				: "request " + id + " has no document version " + version);
	}

}
