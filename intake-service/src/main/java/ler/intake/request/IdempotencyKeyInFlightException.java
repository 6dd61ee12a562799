package ler.intake.request;

/**
 * Another submission with the same {@code Idempotency-Key} is still being processed and
 * did not finish while this one waited (IETF Idempotency-Key draft: answer 409).
 */
public class IdempotencyKeyInFlightException extends RuntimeException {

	public IdempotencyKeyInFlightException() {
		super("A request with this Idempotency-Key is still being processed; retry shortly with the same key and body");
	}

}
