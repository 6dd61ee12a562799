package ler.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A law-enforcement request passed intake validation. Enumerated values travel as strings
 * so that a consumer reading a value it does not know yet can still read the event.
 * Fields after {@code submittedAt} were added later and are null in events written before
 * them.
 *
 * @param customerType {@code CONSUMER} or {@code ENTERPRISE}
 * @param legalProcess e.g. {@code SUBPOENA}, {@code SEARCH_WARRANT}, {@code PRESERVATION}
 * @param receivedAt when the agency's request reached the provider (decides the report
 * period)
 * @param submittedAt when it was entered through intake
 * @param requesterVerified false when the contact's email domain is not on the allow-list
 * of verified government domains for the agency's country (null in older events:
 * verified)
 * @param enterpriseCustomer the enterprise customer's reference, for {@code ENTERPRISE}
 * @param dataCategories {@code CONTENT} and/or {@code NON_CONTENT}
 * @param dataRange the period of the data sought, if stated
 * @param emergencyJustification why an {@code EMERGENCY} request cannot wait for legal
 * process
 * @param nondisclosureUntil expiry of a nondisclosure order, if one was served
 * @param document the legal-process document, if uploaded with the request (version 1 of
 * it; later versions come as {@link DocumentAttached})
 * @param agencyId the submitting officer's agency, an opaque id from the officer's access
 * token (never from the body); null in events written before attribution
 * @param submittedBy the submitting officer's account, an opaque id (the token's
 * {@code sub}); null in events written before attribution
 */
public record RequestReceived(UUID requestId, Agency agency, String service, String customerType, String legalProcess,
		List<Identifier> identifiers, Instant receivedAt, Instant submittedAt, Boolean requesterVerified,
		String enterpriseCustomer, List<String> dataCategories, DateRange dataRange, String emergencyJustification,
		Instant nondisclosureUntil, Document document, String agencyId, String submittedBy) implements RequestEvent {

	public RequestReceived {
		identifiers = List.copyOf(identifiers);
		dataCategories = (dataCategories == null) ? null : List.copyOf(dataCategories);
	}

	/** The fields before attribution ({@code agencyId}, {@code submittedBy}). */
	public RequestReceived(UUID requestId, Agency agency, String service, String customerType, String legalProcess,
			List<Identifier> identifiers, Instant receivedAt, Instant submittedAt, Boolean requesterVerified,
			String enterpriseCustomer, List<String> dataCategories, DateRange dataRange, String emergencyJustification,
			Instant nondisclosureUntil, Document document) {
		this(requestId, agency, service, customerType, legalProcess, identifiers, receivedAt, submittedAt,
				requesterVerified, enterpriseCustomer, dataCategories, dataRange, emergencyJustification,
				nondisclosureUntil, document, null, null);
	}

	/** The first version's fields only. */
	public RequestReceived(UUID requestId, Agency agency, String service, String customerType, String legalProcess,
			List<Identifier> identifiers, Instant receivedAt, Instant submittedAt) {
		this(requestId, agency, service, customerType, legalProcess, identifiers, receivedAt, submittedAt, null, null,
				null, null, null, null, null, null, null);
	}

	public boolean verified() {
		return !Boolean.FALSE.equals(this.requesterVerified);
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	/**
	 * One identifier named by the request.
	 *
	 * @param type e.g. {@code EMAIL}, {@code PHONE}, {@code IP_ADDRESS}
	 * @param value exactly as submitted, for counsel
	 * @param key the identity used to compare identifiers: the value normalised for its
	 * type by intake (Unicode NFC; e-mail lower-cased, phone E.164, IP canonical form).
	 * Added later: null in events written before it, see {@link #keyOrValue()}
	 */
	public record Identifier(String type, String value, String key) {

		/** An identifier from an event written before identifier keys. */
		public Identifier(String type, String value) {
			this(type, value, null);
		}

		/**
		 * What to link, de-duplicate and count by: the key, or for an event written
		 * before keys existed the value as submitted.
		 */
		public String keyOrValue() {
			return (this.key != null) ? this.key : this.value;
		}

	}

	public record DateRange(Instant from, Instant to) {
	}

	/** A stored legal-process document: enough to fetch it and to prove it unchanged. */
	public record Document(String documentId, String fileName, String mediaType, long size, String sha256) {
	}

}
