package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The enterprise customer granted or refused consent to a disclosure.
 *
 * @param counsel who recorded the answer: an opaque account id, the {@code sub} of their
 * access token (events written before issue 12 hold a name typed into the body)
 * @param evidence how the customer's answer is proven; null in events written before
 * evidence was required
 */
public record CustomerConsentAnswered(UUID requestId, boolean granted, String reason, String counsel, Instant at,
		Evidence evidence) implements ReviewEvent {

	/** The fields before the evidence. */
	public CustomerConsentAnswered(UUID requestId, boolean granted, String reason, String counsel, Instant at) {
		this(requestId, granted, reason, counsel, at, null);
	}

	/**
	 * The customer's answer as counsel received it.
	 *
	 * @param method {@code EMAIL}, {@code SIGNED_LETTER}, {@code CUSTOMER_PORTAL} or
	 * {@code PHONE_CONFIRMED_IN_WRITING}
	 * @param givenAt when the customer gave it
	 * @param givenBy who at the customer gave it, as counsel wrote it (free text)
	 */
	public record Evidence(String method, Instant givenAt, String givenBy) {
	}

}
