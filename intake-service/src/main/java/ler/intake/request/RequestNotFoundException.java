package ler.intake.request;

import java.util.UUID;

public class RequestNotFoundException extends RuntimeException {

	public RequestNotFoundException(UUID id) {
		super("no request " + id + " (a request just accepted may take a moment to appear)");
	}

}
