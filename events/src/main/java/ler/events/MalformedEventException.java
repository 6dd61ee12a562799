package ler.events;

/** The bytes are not an event of the contract: a poison record, to be dead-lettered. */
public class MalformedEventException extends RuntimeException {

	public MalformedEventException(String message) {
		super(message);
	}

	public MalformedEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
