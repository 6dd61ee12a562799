package ler.review.cases.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A request under review as counsel sees it: the state that {@link CaseEvolver} folds
 * from the case's {@link CaseEvent}s. Never changed in place; never built field by field
 * outside the fold.
 *
 * @param dueAt when counsel's answer is due (by legal process type)
 * @param priority 0 for emergencies (front of the queue), 1 otherwise
 * @param consent {@code GRANTED} or {@code REFUSED} once the enterprise customer answered
 * @param preservedUntil while {@code PRESERVED}: until when the data are kept
 * @param formalProcessDueAt after an emergency disclosure: when formal process must have
 * followed; null once it arrived
 * @param userNotificationDueAt when the nondisclosure order lapsed and the customer may
 * be told
 * @param eventSequence how many events this case has announced to other services (the
 * sequence number of the last one on {@code ler.decisions})
 */
public record ReviewCase(UUID requestId, CaseStatus status, Request request, Instant openedAt, Instant dueAt,
		int priority, RecordedDecision decision, String consent, Instant preservedUntil, boolean preservationExtended,
		Instant formalProcessDueAt, Instant userNotificationDueAt, Set<String> flags, List<Link> links,
		List<HistoryEntry> history, long eventSequence) {

	/** Consent answered yes by the enterprise customer. */
	public static final String GRANTED = "GRANTED";

	/** Consent answered no by the enterprise customer. */
	public static final String REFUSED = "REFUSED";

	public ReviewCase {
		flags = new TreeSet<>(flags);
		links = List.copyOf(links);
		history = List.copyOf(history);
	}

	public boolean enterprise() {
		return "ENTERPRISE".equals(this.request.customerType());
	}

	/** Awaiting counsel past its due date at {@code now}. */
	public boolean overdueAt(Instant now) {
		return this.status.awaitsCounsel() && this.dueAt != null && this.dueAt.isBefore(now);
	}

	/** The normalised keys of the identifiers the request names, for linking requests. */
	public List<String> identifierKeys() {
		return this.request.identifiers().stream().map(Identifier::key).distinct().toList();
	}

	/**
	 * The request as received from intake.
	 *
	 * @param identifiers the accounts and identifiers named, as submitted
	 */
	public record Request(String agencyName, String country, String contactEmail, String service, String customerType,
			String enterpriseCustomer, String legalProcess, List<Identifier> identifiers, List<String> dataCategories,
			String emergencyJustification, Instant nondisclosureUntil, boolean requesterVerified, Document document,
			Instant receivedAt, Instant submittedAt) {

		public Request {
			identifiers = List.copyOf(identifiers);
			dataCategories = (dataCategories == null) ? List.of() : List.copyOf(dataCategories);
		}

	}

	/**
	 * One identifier named by a request.
	 *
	 * @param value as submitted, for counsel
	 * @param key the normalised form two requests about the same identifier share
	 */
	public record Identifier(String type, String value, String key) {
	}

	/**
	 * The legal-process document held by intake: fetch it at
	 * {@code /api/requests/{id}/document}.
	 */
	public record Document(String documentId, String fileName, String mediaType, long size, String sha256) {
	}

	/**
	 * @param basis for a disclosure: {@code LEGAL_PROCESS}, {@code CUSTOMER_CONSENT} or
	 * {@code CONTRACT}
	 * @param contractualArrangement the arrangement a disclosure without consent rests on
	 */
	public record RecordedDecision(Decision decision, String basis, String contractualArrangement, String reason,
			String counsel, Instant decidedAt, boolean amended) {
	}

	/**
	 * Another request about the same identifiers, e.g. the preservation a warrant
	 * follows.
	 */
	public record Link(UUID requestId, String relation) {
	}

	/** One immutable step of the audit trail: who did what, when, and why. */
	public record HistoryEntry(Instant at, String actor, String action, String detail) {
	}

}
