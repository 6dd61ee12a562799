package ler.review.cases.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import ler.review.cases.model.CaseEvent.ApprovalRequested;
import ler.review.cases.model.CaseEvent.CaseFlagged;
import ler.review.cases.model.CaseEvent.CaseLinked;
import ler.review.cases.model.CaseEvent.CaseOpened;
import ler.review.cases.model.CaseEvent.CaseWithdrawn;
import ler.review.cases.model.CaseEvent.ConsentAnswered;
import ler.review.cases.model.CaseEvent.DecisionAmended;
import ler.review.cases.model.CaseEvent.DecisionRecorded;
import ler.review.cases.model.CaseEvent.DocumentAttached;
import ler.review.cases.model.CaseEvent.PreservationExpired;
import ler.review.cases.model.CaseEvent.PreservationExtended;
import ler.review.cases.model.CaseEvent.PreservationStarted;
import ler.review.cases.model.CaseEvent.ProposalApproved;
import ler.review.cases.model.CaseEvent.ProposalRejected;
import ler.review.cases.model.CaseEvent.RequesterVerified;
import ler.review.cases.model.CaseEvent.UserNotificationDue;
import ler.review.cases.model.CaseEvent.WithdrawalAfterCloseNoted;
import ler.review.cases.model.ReviewCase.ConsentEvidence;
import ler.review.cases.model.ReviewCase.DocumentVersion;
import ler.review.cases.model.ReviewCase.HistoryEntry;
import ler.review.cases.model.ReviewCase.Link;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import ler.review.cases.model.ReviewCase.Request;

/**
 * The other half of the rules: how each {@link CaseEvent} moves a case. Pure and total: a
 * case is exactly the fold of its events from nothing, and every event adds one step to
 * the audit trail ({@link ReviewCase#history()}).
 */
public final class CaseEvolver {

	/** Who the audit trail names for what the system did by itself. */
	public static final String SYSTEM = "review-service";

	private CaseEvolver() {
	}

	/** The case its events describe, from nothing; null for no events. */
	public static ReviewCase fold(List<? extends CaseEvent> events) {
		return fold(null, events);
	}

	/** {@code current} after {@code events}, in order. */
	public static ReviewCase fold(ReviewCase current, List<? extends CaseEvent> events) {
		ReviewCase state = current;
		for (CaseEvent event : events) {
			state = evolve(state, event);
		}
		return state;
	}

	/**
	 * The case after one event.
	 * @param current null only before {@link CaseOpened}
	 * @throws IllegalStateException for an event on a case that does not exist yet
	 */
	public static ReviewCase evolve(ReviewCase current, CaseEvent event) {
		if (event.kind() == CaseEvent.Kind.CASE_OPENED) {
			return opened((CaseOpened) event);
		}
		if (current == null) {
			throw new IllegalStateException(event.kind() + " before the case was opened");
		}
		Step next = new Step(current, event);
		switch (event.kind()) {
			case CASE_OPENED -> throw new IllegalStateException("a case is opened once");
			case REQUESTER_VERIFIED -> {
				RequesterVerified e = (RequesterVerified) event;
				next.history(e.actor(), e.verified() ? "REQUESTER_VERIFIED" : "REQUESTER_NOT_VERIFIED", e.reason());
				if (e.verified()) {
					next.status = CaseStatus.UNDER_REVIEW;
				}
			}
			case DECISION_RECORDED -> {
				DecisionRecorded e = (DecisionRecorded) event;
				RecordedDecision d = e.decision();
				next.decision = d;
				next.status = (d.decision() == Decision.SEEK_CUSTOMER_CONSENT) ? CaseStatus.AWAITING_CONSENT
						: CaseStatus.DECIDED;
				if (e.formalProcessDueAt() != null) {
					next.formalProcessDueAt = e.formalProcessDueAt();
				}
				next.decidedDocumentVersion = current.latestDocumentVersion();
				next.history(d.counsel(), "DECISION_RECORDED", d.decision() + ": " + d.reason() + approval(d));
			}
			case PRESERVATION_STARTED -> {
				PreservationStarted e = (PreservationStarted) event;
				next.decision = e.decision();
				next.decidedDocumentVersion = current.latestDocumentVersion();
				next.status = CaseStatus.PRESERVED;
				next.preservedUntil = e.until();
				next.history(e.decision().counsel(), "DECISION_RECORDED",
						e.decision().decision() + ": " + e.decision().reason());
			}
			case CONSENT_ANSWERED -> {
				ConsentAnswered e = (ConsentAnswered) event;
				next.status = CaseStatus.UNDER_REVIEW;
				next.consent = e.granted() ? ReviewCase.GRANTED : ReviewCase.REFUSED;
				next.consentEvidence = e.evidence();
				ConsentEvidence proof = e.evidence();
				next.history(e.actor(), e.granted() ? "CUSTOMER_CONSENT_GRANTED" : "CUSTOMER_CONSENT_REFUSED",
						e.reason() + ((proof == null) ? "" : " (given by " + proof.givenBy() + " at " + proof.givenAt()
								+ ", " + proof.method() + ")"));
			}
			case DECISION_AMENDED -> {
				DecisionAmended e = (DecisionAmended) event;
				next.history(e.decision().counsel(), "DECISION_AMENDED", current.decision().decision() + " -> "
						+ e.decision().decision() + ": " + e.decision().reason() + approval(e.decision()));
				next.decision = e.decision();
				next.decidedDocumentVersion = current.latestDocumentVersion();
			}
			case PRESERVATION_EXTENDED -> {
				PreservationExtended e = (PreservationExtended) event;
				next.preservedUntil = e.until();
				next.preservationExtended = true;
				next.history(e.actor(), "PRESERVATION_EXTENDED", e.reason());
			}
			case CASE_WITHDRAWN -> {
				CaseWithdrawn e = (CaseWithdrawn) event;
				next.status = CaseStatus.WITHDRAWN;
				next.proposal = null;
				next.history("requester", "REQUEST_WITHDRAWN", e.reason());
			}
			case WITHDRAWAL_AFTER_CLOSE_NOTED -> {
				WithdrawalAfterCloseNoted e = (WithdrawalAfterCloseNoted) event;
				next.history("requester", "WITHDRAWAL_AFTER_CLOSE_IGNORED", e.status() + ": " + e.reason());
			}
			case PRESERVATION_EXPIRED -> {
				PreservationExpired e = (PreservationExpired) event;
				next.status = CaseStatus.PRESERVATION_EXPIRED;
				next.history(SYSTEM, "PRESERVATION_EXPIRED", "preserved until " + e.preservedUntil());
			}
			case USER_NOTIFICATION_DUE -> {
				UserNotificationDue e = (UserNotificationDue) event;
				next.userNotificationDueAt = e.at();
				next.history(SYSTEM, "USER_NOTIFICATION_DUE", "nondisclosure order lapsed " + e.nondisclosureUntil());
			}
			case CASE_FLAGGED -> {
				CaseFlagged e = (CaseFlagged) event;
				next.flags.add(e.flag());
				String why = CaseDecider.FORMAL_PROCESS_MISSING.equals(e.flag())
						? "no formal legal process by " + e.deadline() : "no answer by " + e.deadline();
				next.history(SYSTEM, "FLAGGED", e.flag() + ": " + why);
			}
			case CASE_LINKED -> {
				CaseLinked e = (CaseLinked) event;
				next.links.add(new Link(e.requestId(), e.relation()));
				if (e.formalProcessArrived()) {
					next.formalProcessDueAt = null;
				}
				next.history(SYSTEM, e.action(), e.detail());
			}
			case DOCUMENT_ATTACHED -> {
				DocumentAttached e = (DocumentAttached) event;
				int version = (e.version() != null) ? e.version() : current.documents().size() + 1;
				next.documents.add(new DocumentVersion(version, e.document(), e.at(), e.attachedBy()));
				Request r = current.request();
				next.request = new Request(r.agencyName(), r.country(), r.contactEmail(), r.service(), r.customerType(),
						r.enterpriseCustomer(), r.legalProcess(), r.identifiers(), r.dataCategories(),
						r.emergencyJustification(), r.nondisclosureUntil(), r.requesterVerified(), e.document(),
						r.receivedAt(), r.submittedAt());
				next.history((e.attachedBy() != null) ? e.attachedBy() : "requester", "DOCUMENT_ATTACHED",
						"version " + version + ": " + e.document().fileName() + " sha256 " + e.document().sha256());
			}
			case APPROVAL_REQUESTED -> {
				Proposal p = ((ApprovalRequested) event).proposal();
				next.status = CaseStatus.AWAITING_APPROVAL;
				next.proposal = p;
				next.history(p.proposedBy(), p.kind() + "_PROPOSED", p.decision() + ": " + p.reason()
						+ " (needs a second approval: " + String.join(", ", p.grounds()) + ")");
			}
			case PROPOSAL_APPROVED -> {
				ProposalApproved e = (ProposalApproved) event;
				Proposal p = current.proposal();
				next.status = p.kind().priorStatus();
				next.proposal = null;
				next.history(e.approvedBy(), "PROPOSAL_APPROVED",
						p.kind() + " " + p.decision() + " proposed by " + p.proposedBy() + ": " + e.reason());
			}
			case PROPOSAL_REJECTED -> {
				ProposalRejected e = (ProposalRejected) event;
				Proposal p = current.proposal();
				next.status = p.kind().priorStatus();
				next.proposal = null;
				next.history(e.rejectedBy(), "PROPOSAL_REJECTED",
						p.kind() + " " + p.decision() + " proposed by " + p.proposedBy() + ": " + e.reason());
			}
		}
		return next.build();
	}

	private static String approval(RecordedDecision d) {
		return (d.approvedBy() == null) ? "" : " (approved by " + d.approvedBy() + ")";
	}

	private static ReviewCase opened(CaseOpened e) {
		Request r = e.request();
		List<DocumentVersion> documents = (r.document() == null) ? List.of()
				: List.of(new DocumentVersion(1, r.document(), r.submittedAt(), null));
		return new ReviewCase(e.requestId(),
				r.requesterVerified() ? CaseStatus.UNDER_REVIEW : CaseStatus.VERIFICATION_PENDING, r, e.at(), e.dueAt(),
				e.priority(), null, null, null, false, null, null, Set.of(), List.of(),
				List.of(new HistoryEntry(e.at(), "intake-service", "REQUEST_RECEIVED",
						r.legalProcess() + " from " + r.agencyName() + " (" + r.country() + ")"
								+ (r.requesterVerified() ? "" : "; requester not on the verified-domain allow-list"))),
				0, null, null, documents, null);
	}

	/**
	 * The fields one event may change, gathered before the next immutable case is made.
	 */
	private static final class Step {

		private final ReviewCase from;

		private final CaseEvent event;

		CaseStatus status;

		Request request;

		RecordedDecision decision;

		String consent;

		java.time.Instant preservedUntil;

		boolean preservationExtended;

		java.time.Instant formalProcessDueAt;

		java.time.Instant userNotificationDueAt;

		final Set<String> flags;

		final List<Link> links;

		final List<HistoryEntry> history;

		Proposal proposal;

		ConsentEvidence consentEvidence;

		final List<DocumentVersion> documents;

		Integer decidedDocumentVersion;

		Step(ReviewCase from, CaseEvent event) {
			this.from = from;
			this.event = event;
			this.status = from.status();
			this.request = from.request();
			this.decision = from.decision();
			this.consent = from.consent();
			this.preservedUntil = from.preservedUntil();
			this.preservationExtended = from.preservationExtended();
			this.formalProcessDueAt = from.formalProcessDueAt();
			this.userNotificationDueAt = from.userNotificationDueAt();
			this.flags = new TreeSet<>(from.flags());
			this.links = new ArrayList<>(from.links());
			this.history = new ArrayList<>(from.history());
			this.proposal = from.proposal();
			this.consentEvidence = from.consentEvidence();
			this.documents = new ArrayList<>(from.documents());
			this.decidedDocumentVersion = from.decidedDocumentVersion();
		}

		void history(String actor, String action, String detail) {
			this.history.add(new HistoryEntry(this.event.at(), actor, action, detail));
		}

		ReviewCase build() {
			ReviewCase f = this.from;
			return new ReviewCase(f.requestId(), this.status, this.request, f.openedAt(), f.dueAt(), f.priority(),
					this.decision, this.consent, this.preservedUntil, this.preservationExtended,
					this.formalProcessDueAt, this.userNotificationDueAt, this.flags, this.links, this.history,
					f.eventSequence() + (this.event.announced() ? 1 : 0), this.proposal, this.consentEvidence,
					this.documents, this.decidedDocumentVersion);
		}

	}

}
