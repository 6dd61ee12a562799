package ler.review.cases.application;

import java.util.UUID;

/**
 * No case with that id (404); a request just submitted may not have reached review yet.
 */
public class CaseNotFoundException extends RuntimeException {

	public CaseNotFoundException(UUID id) {
		super("no review case " + id + " (a request just submitted may take a moment to reach review)");
	}

}
