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
 * @param document the legal-process document, or null
 * @param review what review recorded so far, or null before its first event
 * @param withdrawal the requester's withdrawal, or null
 */
public record RequestStatus(UUID id, String status, Request request, Document document, Review review,
		Withdrawal withdrawal) {

	/** Review states after which nothing changes for the requester. */
	static final Set<String> FINAL = Set.of("DECIDED", "WITHDRAWN", "PRESERVATION_EXPIRED");

	static RequestStatus of(UUID id, Request request, Document document, Review review, Withdrawal withdrawal) {
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
		return new RequestStatus(id, status, request, document, review, withdrawal);
	}

	public String documentId() {
		return (this.document == null) ? null : this.document.documentId();
	}

	/** True when the requester can no longer withdraw it. */
	public boolean isFinal() {
		return FINAL.contains(this.status) || "WITHDRAWAL_REQUESTED".equals(this.status);
	}

	/**
	 * The request as submitted.
	 *
	 * @param identifiers each as submitted, with the key it is compared by
	 */
	public record Request(Agency agency, String service, String customerType, String enterpriseCustomer,
			String legalProcess, List<Identifier> identifiers, List<String> dataCategories, DateRange dataRange,
			String emergencyJustification, Instant nondisclosureUntil, boolean requesterVerified, Instant receivedAt,
			Instant submittedAt) {
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
	 * @param size in bytes
	 */
	public record Document(String documentId, String fileName, String mediaType, long size, String sha256) {
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

	public record Withdrawal(String reason, Instant requestedAt) {
	}

}
