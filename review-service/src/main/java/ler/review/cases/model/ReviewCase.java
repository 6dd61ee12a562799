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
 * @param proposal while {@code AWAITING_APPROVAL}: the decision or amendment waiting for
 * a second senior counsel; null otherwise
 * @param consentEvidence how the enterprise customer's answer is proven, once answered
 * @param documents every version of the legal-process document the case has heard of,
 * oldest (version 1) first; append-only
 * @param decidedDocumentVersion the latest document version when the last decision took
 * effect: the version counsel decided on; a later upload does not change it (null before
 * a decision or without a document)
 */
public record ReviewCase(UUID requestId, CaseStatus status, Request request, Instant openedAt, Instant dueAt,
		int priority, RecordedDecision decision, String consent, Instant preservedUntil, boolean preservationExtended,
		Instant formalProcessDueAt, Instant userNotificationDueAt, Set<String> flags, List<Link> links,
		List<HistoryEntry> history, long eventSequence, Proposal proposal, ConsentEvidence consentEvidence,
		List<DocumentVersion> documents, Integer decidedDocumentVersion) {

	/** Consent answered yes by the enterprise customer. */
	public static final String GRANTED = "GRANTED";

	/** Consent answered no by the enterprise customer. */
	public static final String REFUSED = "REFUSED";

	public ReviewCase {
		flags = new TreeSet<>(flags);
		links = List.copyOf(links);
		history = List.copyOf(history);
		documents = (documents == null) ? List.of() : List.copyOf(documents);
	}

	public boolean enterprise() {
		return "ENTERPRISE".equals(this.request.customerType());
	}

	/**
	 * Whether the agency still waits for counsel's answer: in a state awaiting counsel,
	 * or with a decision (not an amendment of one already given) awaiting its second
	 * approval. Deadlines, overdue flags and withdrawals go by it.
	 */
	public boolean awaitsCounsel() {
		return this.status.awaitsCounsel() || (this.status == CaseStatus.AWAITING_APPROVAL && this.proposal != null
				&& this.proposal.kind() == ProposalKind.DECISION);
	}

	/** Awaiting counsel past its due date at {@code now}. */
	public boolean overdueAt(Instant now) {
		return awaitsCounsel() && this.dueAt != null && this.dueAt.isBefore(now);
	}

	/** The latest document version the case knows, or null without a document. */
	public Integer latestDocumentVersion() {
		return this.documents.isEmpty() ? null : this.documents.get(this.documents.size() - 1).version();
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
	 * @param counsel who decided (proposed, for a four-eyes decision): an opaque account
	 * id from the access token
	 * @param approvedBy the second senior counsel who approved a four-eyes decision; null
	 * for a decision that took effect at once
	 */
	public record RecordedDecision(Decision decision, String basis, String contractualArrangement, String reason,
			String counsel, Instant decidedAt, boolean amended, String approvedBy) {

		/** A decision that took effect at once, without a second approval. */
		public RecordedDecision(Decision decision, String basis, String contractualArrangement, String reason,
				String counsel, Instant decidedAt, boolean amended) {
			this(decision, basis, contractualArrangement, reason, counsel, decidedAt, amended, null);
		}

	}

	/** What a proposal, once approved, makes take effect. */
	public enum ProposalKind {

		/** A decision on a case under review. */
		DECISION,
		/** An amendment of a final decision. */
		AMENDMENT;

		/** Where the case goes back to when the proposal is approved or rejected. */
		public CaseStatus priorStatus() {
			return (this == DECISION) ? CaseStatus.UNDER_REVIEW : CaseStatus.DECIDED;
		}

	}

	/**
	 * A decision or amendment that takes effect only after a second, different senior
	 * counsel approves it (four eyes, issue 12).
	 *
	 * @param proposedBy the proposer's opaque account id (token subject)
	 * @param grounds why it needs the second approval: {@link CaseDecider#CONTENT},
	 * {@link CaseDecider#EMERGENCY_WITHOUT_FORMAL_PROCESS},
	 * {@link CaseDecider#RESTS_ON_CONSENT}, {@link CaseDecider#AMENDS_FINAL_DECISION}
	 */
	public record Proposal(ProposalKind kind, Decision decision, String reason, String contractualArrangement,
			String proposedBy, Instant proposedAt, List<String> grounds) {

		public Proposal {
			grounds = (grounds == null) ? List.of() : List.copyOf(grounds);
		}

	}

	/** How an enterprise customer may give its answer on consent. */
	public enum ConsentMethod {

		EMAIL, SIGNED_LETTER, CUSTOMER_PORTAL, PHONE_CONFIRMED_IN_WRITING

	}

	/**
	 * Proof of the enterprise customer's answer.
	 *
	 * @param givenBy who at the customer gave it (free text, at most 200 characters)
	 * @param givenAt when; not in the future and not before the request was received
	 */
	public record ConsentEvidence(String givenBy, Instant givenAt, ConsentMethod method) {
	}

	/**
	 * One version of the legal-process document: version 1 came with the request, later
	 * ones were uploaded after it.
	 *
	 * @param attachedBy who added it (an opaque account id), or null when unknown (the
	 * request's own document, or an event written before attribution)
	 */
	public record DocumentVersion(int version, Document document, Instant attachedAt, String attachedBy) {
	}

	/**
	 * Another request about the same identifiers, e.g. the preservation a warrant
	 * follows.
	 */
	public record Link(UUID requestId, String relation) {
	}

	/**
	 * One immutable step of the audit trail: who did what, when, and why.
	 *
	 * @param seal the entry's link in the case's seal chain ({@code hmac-sha256:<key
	 * id>:<hex>} over the previous seal and this entry, or hex SHA-256 for entries sealed
	 * before ADR 17; see the store's {@code AuditChain}); null until the entry is first
	 * stored
	 */
	public record HistoryEntry(Instant at, String actor, String action, String detail, String seal) {

		/** A new entry, sealed when it is first stored. */
		public HistoryEntry(Instant at, String actor, String action, String detail) {
			this(at, actor, action, detail, null);
		}

	}

}
