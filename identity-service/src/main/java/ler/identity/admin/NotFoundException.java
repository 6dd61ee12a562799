package ler.identity.admin;

/** Nothing under the id asked for (404). */
class NotFoundException extends RuntimeException {

	NotFoundException(String message) {
		super(message);
	}

}
