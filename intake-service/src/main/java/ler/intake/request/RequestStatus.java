package ler.intake.request;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The answer to {@code GET /api/requests/{id}}: what was submitted and where review
 * stands. Plain records, mapped from the stored view at the store's edge.
 *
 * @param status {@code VERIFICATION_PENDING}, {@code PENDING_REVIEW}, review's states
 * ({@code AWAITING_CONSENT}, {@code PRESERVED}, {@code DECIDED}, {@code WITHDRAWN},
 * {@code PRESERVATION_EXPIRED}) or {@code WITHDRAWAL_REQUESTED}
 * @param document the latest version of the legal-process document, or null
 * @param documents every version of it, oldest first (version 1 came with the request or
 * was the first upload); nothing is ever replaced
 * @param review what review recorded so far, or null before its first event
 * @param withdrawal the requester's withdrawal, or null
 */
public record RequestStatus(UUID id, String status, Request request, Document document, List<Document> documents,
		Review review, Withdrawal withdrawal) {

	/** Review states after which nothing changes for the requester. */
	static final Set<String> FINAL = Set.of("DECIDED", "WITHDRAWN", "PRESERVATION_EXPIRED");

	/**
	 * Decisions after which the requester's side of the case is settled: every decision
	 * but seeking the customer's consent and preserving data (which await more).
	 */
	static final Set<String> NOT_SETTLING = Set.of("SEEK_CUSTOMER_CONSENT", "PRESERVE");

	public RequestStatus {
		documents = List.copyOf(documents);
	}

	static RequestStatus of(UUID id, Request request, List<Document> documents, Review review, Withdrawal withdrawal) {
		String reviewStatus = (review == null) ? null : review.status();
		String status;
		if (reviewStatus != null && FINAL.contains(reviewStatus)) {
			status = reviewStatus;
		}
		else if (withdrawal != null) {
			status = "WITHDRAWAL_REQUESTED";
		}
		else if (reviewStatus != null) {
			status = reviewStatus;
		}
		else {
			status = request.requesterVerified() ? "PENDING_REVIEW" : "VERIFICATION_PENDING";
		}
		Document latest = documents.isEmpty() ? null : documents.get(documents.size() - 1);
		return new RequestStatus(id, status, request, latest, documents, review, withdrawal);
	}

	public String documentId() {
		return (this.document == null) ? null : this.document.documentId();
	}

	/** The given version of the document, if there is one. */
	public java.util.Optional<Document> documentVersion(int version) {
		return this.documents.stream().filter((d) -> d.version() == version).findFirst();
	}

	/**
	 * True once counsel recorded a decision that settles the request (see
	 * {@link #NOT_SETTLING}), amended or not.
	 */
	public boolean decided() {
		return "DECIDED".equals(this.status) || (this.review != null && this.review.decision() != null
				&& !NOT_SETTLING.contains(this.review.decision().decision()));
	}

	/** True when the requester can no longer withdraw it. */
	public boolean isFinal() {
		return FINAL.contains(this.status) || "WITHDRAWAL_REQUESTED".equals(this.status);
	}

	/**
	 * The request as submitted.
	 *
	 * @param identifiers each as submitted, with the key it is compared by
	 * @param agencyId the submitting officer's agency, from the officer's token (an
	 * opaque id; null for a request submitted before attribution)
	 * @param submittedBy the submitting officer's account (an opaque id; null before
	 * attribution)
	 */
	public record Request(Agency agency, String service, String customerType, String enterpriseCustomer,
			String legalProcess, List<Identifier> identifiers, List<String> dataCategories, DateRange dataRange,
			String emergencyJustification, Instant nondisclosureUntil, boolean requesterVerified, Instant receivedAt,
			Instant submittedAt, String agencyId, String submittedBy) {
	}

	public record Agency(String name, String country, String contactEmail) {
	}

	/**
	 * @param key null for a request submitted before identifier keys
	 */
	public record Identifier(String type, String value, String key) {
	}

	public record DateRange(Instant from, Instant to) {
	}

	/**
	 * One version of the legal-process document.
	 *
	 * @param version 1, 2, ... in the order they were added
	 * @param size in bytes
	 * @param sha256 of the bytes, hex
	 * @param attachedAt when intake accepted it
	 * @param attachedBy the account that added it (an opaque id; null before attribution)
	 */
	public record Document(int version, String documentId, String fileName, String mediaType, long size, String sha256,
			Instant attachedAt, String attachedBy) {
	}

	/**
	 * @param verified false once counsel could not verify the requester, else null
	 * @param customerConsent {@code GRANTED} or {@code REFUSED}, once answered
	 * @param flags e.g. {@code OVERDUE}
	 */
	public record Review(String status, Decision decision, Boolean verified, String customerConsent,
			Instant preservedUntil, Instant userNotificationDueAt, List<String> flags) {
	}

	/**
	 * @param amended true when counsel amended an earlier decision
	 */
	public record Decision(String decision, String basis, String reason, String counsel, Instant decidedAt,
			boolean amended) {
	}

	/**
	 * @param requestedBy the officer's account (an opaque id; null before attribution)
	 */
	public record Withdrawal(String reason, Instant requestedAt, String requestedBy) {
	}

}
