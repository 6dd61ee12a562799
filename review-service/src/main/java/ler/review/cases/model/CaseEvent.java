package ler.review.cases.model;

import java.time.Instant;
import java.util.UUID;

import ler.review.cases.model.ReviewCase.ConsentEvidence;
import ler.review.cases.model.ReviewCase.Document;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import ler.review.cases.model.ReviewCase.Request;

/**
 * What happened to a case: the one source of truth for its state. {@link CaseDecider}
 * produces them, {@link CaseEvolver} folds them into a {@link ReviewCase}; the store
 * keeps them with the case. Those that are {@link #announced()} are also published,
 * mapped to the event contract, on {@code ler.decisions}.
 */
public sealed interface CaseEvent {

	/**
	 * Which event this is: switched over (Java 17 has no pattern switch) so that the
	 * compiler names an event a fold or a mapper forgets.
	 */
	enum Kind {

		CASE_OPENED, REQUESTER_VERIFIED, DECISION_RECORDED, PRESERVATION_STARTED, CONSENT_ANSWERED, DECISION_AMENDED,
		PRESERVATION_EXTENDED, CASE_WITHDRAWN, WITHDRAWAL_AFTER_CLOSE_NOTED, PRESERVATION_EXPIRED,
		USER_NOTIFICATION_DUE, CASE_FLAGGED, CASE_LINKED, DOCUMENT_ATTACHED, APPROVAL_REQUESTED, PROPOSAL_APPROVED,
		PROPOSAL_REJECTED

	}

	Kind kind();

	/** When it happened. */
	Instant at();

	/** Whether other services hear of it (it takes a sequence number on the stream). */
	default boolean announced() {
		return true;
	}

	/** A received request became a case; not announced (intake announced the request). */
	record CaseOpened(UUID requestId, Request request, Instant at, Instant dueAt, int priority) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.CASE_OPENED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/** Counsel checked a requester whose email domain was not on the allow-list. */
	record RequesterVerified(boolean verified, String reason, String actor, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.REQUESTER_VERIFIED;
		}

	}

	/**
	 * Counsel's decision (not a preservation).
	 *
	 * @param formalProcessDueAt for an emergency disclosure: when formal process must
	 * follow; otherwise null
	 */
	record DecisionRecorded(RecordedDecision decision, Instant formalProcessDueAt) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.DECISION_RECORDED;
		}

		@Override
		public Instant at() {
			return this.decision.decidedAt();
		}

	}

	/** A preservation request was granted: the data are kept until {@code until}. */
	record PreservationStarted(RecordedDecision decision, Instant until) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.PRESERVATION_STARTED;
		}

		@Override
		public Instant at() {
			return this.decision.decidedAt();
		}

	}

	/**
	 * The enterprise customer answered the request for consent.
	 *
	 * @param evidence its proof; null in events stored before evidence was required
	 */
	record ConsentAnswered(boolean granted, String reason, String actor, Instant at,
			ConsentEvidence evidence) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.CONSENT_ANSWERED;
		}

	}

	/** A final decision was replaced by another final decision. */
	record DecisionAmended(RecordedDecision decision) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.DECISION_AMENDED;
		}

		@Override
		public Instant at() {
			return this.decision.decidedAt();
		}

	}

	/** A preservation was extended, once, until {@code until}. */
	record PreservationExtended(Instant until, String reason, String actor, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.PRESERVATION_EXTENDED;
		}

	}

	/** The requester withdrew a case that was still open (or preserving). */
	record CaseWithdrawn(String reason, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.CASE_WITHDRAWN;
		}

	}

	/** The requester withdrew after the case closed: noted, nothing changes. */
	record WithdrawalAfterCloseNoted(CaseStatus status, String reason, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.WITHDRAWAL_AFTER_CLOSE_NOTED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/** A preservation ran out. */
	record PreservationExpired(Instant preservedUntil, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.PRESERVATION_EXPIRED;
		}

	}

	/** The nondisclosure order lapsed: the customer may now be told. */
	record UserNotificationDue(Instant nondisclosureUntil, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.USER_NOTIFICATION_DUE;
		}

	}

	/**
	 * A flag raised on the case ({@link CaseDecider#OVERDUE},
	 * {@link CaseDecider#FORMAL_PROCESS_MISSING}).
	 *
	 * @param deadline the deadline that passed
	 */
	record CaseFlagged(String flag, Instant deadline, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.CASE_FLAGGED;
		}

	}

	/**
	 * Linked to another request about the same identifiers; not announced.
	 *
	 * @param formalProcessArrived this link is the formal process an emergency disclosure
	 * was waiting for
	 */
	record CaseLinked(UUID requestId, String relation, String action, String detail, boolean formalProcessArrived,
			Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.CASE_LINKED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/**
	 * A legal-process document version arrived after the request; not announced (intake
	 * did).
	 *
	 * @param version its version; null in events stored before versions (then the next
	 * after those the case knows)
	 * @param attachedBy who uploaded it, or null when not known
	 */
	record DocumentAttached(Document document, Instant at, Integer version, String attachedBy) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.DOCUMENT_ATTACHED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/**
	 * A decision or amendment that needs four eyes was proposed: the case waits for a
	 * second senior counsel; not announced (nothing took effect).
	 */
	record ApprovalRequested(Proposal proposal) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.APPROVAL_REQUESTED;
		}

		@Override
		public Instant at() {
			return this.proposal.proposedAt();
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/**
	 * A second senior counsel approved the proposal; the decision or amendment that
	 * follows it in the same change is what other services hear of.
	 */
	record ProposalApproved(String approvedBy, String reason, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.PROPOSAL_APPROVED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

	/**
	 * A second senior counsel rejected the proposal: it is dropped and the case is back
	 * where it was; nothing took effect, nothing is announced.
	 */
	record ProposalRejected(String rejectedBy, String reason, Instant at) implements CaseEvent {

		@Override
		public Kind kind() {
			return Kind.PROPOSAL_REJECTED;
		}

		@Override
		public boolean announced() {
			return false;
		}

	}

}
