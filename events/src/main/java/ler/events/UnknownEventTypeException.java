package ler.events;

/**
 * A well-formed event of a type this build does not know (published by a newer producer).
 */
public class UnknownEventTypeException extends RuntimeException {

	public UnknownEventTypeException(String type) {
		super("unknown event type: " + type);
	}

}
