package ler.review.cases;

import java.util.UUID;

public class CaseNotFoundException extends RuntimeException {

	public CaseNotFoundException(UUID id) {
		super("no review case " + id + " (a request just submitted may take a moment to reach review)");
	}

}
