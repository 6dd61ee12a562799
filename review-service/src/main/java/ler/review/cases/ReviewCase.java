package ler.review.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A request under review as counsel sees it.
 *
 * @param dueAt when counsel's answer is due (by legal process type)
 * @param priority 0 for emergencies (front of the queue), 1 otherwise
 * @param consent {@code GRANTED} or {@code REFUSED} once the enterprise customer answered
 * @param preservedUntil while {@code PRESERVED}: until when the data are kept
 * @param formalProcessDueAt after an emergency disclosure: when formal process must have
 * followed
 * @param userNotificationDueAt when the nondisclosure order lapsed and the customer may
 * be told
 * @param overdue derived when read: awaiting counsel past {@code dueAt}
 * @param version guards every change: a write succeeds only against the version it was
 * read at
 * @param eventSequence the sequence number of the last event this case published
 */
public record ReviewCase(UUID requestId, CaseStatus status, Request request, Instant openedAt, Instant dueAt,
		int priority, RecordedDecision decision, String consent, Instant preservedUntil, boolean preservationExtended,
		Instant formalProcessDueAt, Instant userNotificationDueAt, Set<String> flags, List<Link> links,
		List<HistoryEntry> history, boolean overdue, long version, long eventSequence) {

	public ReviewCase {
		flags = new TreeSet<>(flags);
		links = List.copyOf(links);
		history = List.copyOf(history);
	}

	public boolean enterprise() {
		return "ENTERPRISE".equals(this.request.customerType());
	}

	/** What the case looks like after a change: a fresh copy, one version later. */
	Builder change() {
		return new Builder(this);
	}

	public record Request(String agencyName, String country, String contactEmail, String service, String customerType,
			String enterpriseCustomer, String legalProcess, List<Identifier> identifiers, List<String> dataCategories,
			String emergencyJustification, Instant nondisclosureUntil, boolean requesterVerified, Document document,
			Instant receivedAt, Instant submittedAt) {

		public Request {
			identifiers = List.copyOf(identifiers);
			dataCategories = (dataCategories == null) ? List.of() : List.copyOf(dataCategories);
		}

	}

	public record Identifier(String type, String value) {
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

	static final class Builder {

		private final ReviewCase from;

		private CaseStatus status;

		private RecordedDecision decision;

		private String consent;

		private Instant preservedUntil;

		private boolean preservationExtended;

		private Instant formalProcessDueAt;

		private Instant userNotificationDueAt;

		private final Set<String> flags;

		private final List<HistoryEntry> history;

		private int events;

		Builder(ReviewCase from) {
			this.from = from;
			this.status = from.status;
			this.decision = from.decision;
			this.consent = from.consent;
			this.preservedUntil = from.preservedUntil;
			this.preservationExtended = from.preservationExtended;
			this.formalProcessDueAt = from.formalProcessDueAt;
			this.userNotificationDueAt = from.userNotificationDueAt;
			this.flags = new TreeSet<>(from.flags);
			this.history = new ArrayList<>(from.history);
		}

		Builder status(CaseStatus status) {
			this.status = status;
			return this;
		}

		Builder decision(RecordedDecision decision) {
			this.decision = decision;
			return this;
		}

		Builder consent(String consent) {
			this.consent = consent;
			return this;
		}

		Builder preservedUntil(Instant until, boolean extended) {
			this.preservedUntil = until;
			this.preservationExtended = extended;
			return this;
		}

		Builder formalProcessDueAt(Instant at) {
			this.formalProcessDueAt = at;
			return this;
		}

		Builder userNotificationDueAt(Instant at) {
			this.userNotificationDueAt = at;
			return this;
		}

		Builder flag(String flag) {
			this.flags.add(flag);
			return this;
		}

		Builder history(Instant at, String actor, String action, String detail) {
			this.history.add(new HistoryEntry(at, actor, action, detail));
			return this;
		}

		/** Counts the events this change publishes, for the case's event sequence. */
		Builder events(int count) {
			this.events = count;
			return this;
		}

		ReviewCase build() {
			ReviewCase f = this.from;
			return new ReviewCase(f.requestId, this.status, f.request, f.openedAt, f.dueAt, f.priority, this.decision,
					this.consent, this.preservedUntil, this.preservationExtended, this.formalProcessDueAt,
					this.userNotificationDueAt, this.flags, f.links, this.history, f.overdue, f.version + 1,
					f.eventSequence + this.events);
		}

	}

}
