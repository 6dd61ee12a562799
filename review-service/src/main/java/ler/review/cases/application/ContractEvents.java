package ler.review.cases.application;

import java.util.Optional;

import ler.events.CaseWithdrawn;
import ler.events.CustomerConsentAnswered;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.PreservationExpired;
import ler.events.PreservationExtended;
import ler.events.PreservationStarted;
import ler.events.RequestSummary;
import ler.events.RequesterVerified;
import ler.events.UserNotificationDue;
import ler.review.cases.model.CaseDecider;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.ReviewCase;

/**
 * Maps review's own events to the published contract ({@code ler.events}, ADR 1): the
 * only place that knows both. Events that are not {@link CaseEvent#announced()} map to
 * nothing.
 */
final class ContractEvents {

	private ContractEvents() {
	}

	/**
	 * The contract event announcing {@code event}.
	 * @param before the case just before the event
	 * @param after the case just after it
	 */
	static Optional<Object> of(ReviewCase before, CaseEvent event, ReviewCase after) {
		var id = after.requestId();
		Object mapped = switch (event.kind()) {
			// nothing takes effect until a proposal is approved, and then the decision or
			// amendment that follows the approval is announced
			case CASE_OPENED, WITHDRAWAL_AFTER_CLOSE_NOTED, CASE_LINKED, DOCUMENT_ATTACHED, APPROVAL_REQUESTED,
					PROPOSAL_APPROVED, PROPOSAL_REJECTED ->
				null;
			case REQUESTER_VERIFIED -> {
				CaseEvent.RequesterVerified e = (CaseEvent.RequesterVerified) event;
				yield new RequesterVerified(id, e.verified(), e.reason(), e.actor(), e.at());
			}
			case DECISION_RECORDED -> {
				CaseEvent.DecisionRecorded e = (CaseEvent.DecisionRecorded) event;
				var d = e.decision();
				yield new DecisionRecorded(id, d.decision().name(), d.reason(), d.counsel(), d.decidedAt(),
						(before.decision() == null) ? null : before.decision().decision().name(), summary(after),
						d.basis(), d.approvedBy());
			}
			case PRESERVATION_STARTED -> {
				CaseEvent.PreservationStarted e = (CaseEvent.PreservationStarted) event;
				yield new PreservationStarted(id, e.until(), e.decision().reason(), e.decision().counsel(), e.at());
			}
			case CONSENT_ANSWERED -> {
				CaseEvent.ConsentAnswered e = (CaseEvent.ConsentAnswered) event;
				var proof = e.evidence();
				yield new CustomerConsentAnswered(id, e.granted(), e.reason(), e.actor(), e.at(),
						(proof == null) ? null : new CustomerConsentAnswered.Evidence(proof.method().name(),
								proof.givenAt(), proof.givenBy()));
			}
			case DECISION_AMENDED -> {
				CaseEvent.DecisionAmended e = (CaseEvent.DecisionAmended) event;
				var d = e.decision();
				yield new DecisionAmended(id, d.decision().name(), d.basis(), before.decision().decision().name(),
						before.decision().basis(), d.reason(), d.counsel(), d.decidedAt(), summary(after),
						d.approvedBy());
			}
			case PRESERVATION_EXTENDED -> {
				CaseEvent.PreservationExtended e = (CaseEvent.PreservationExtended) event;
				yield new PreservationExtended(id, e.until(), e.reason(), e.actor(), e.at());
			}
			case CASE_WITHDRAWN -> {
				CaseEvent.CaseWithdrawn e = (CaseEvent.CaseWithdrawn) event;
				yield new CaseWithdrawn(id, e.reason(), e.at(), summary(after));
			}
			case PRESERVATION_EXPIRED -> new PreservationExpired(id, event.at());
			case USER_NOTIFICATION_DUE -> {
				CaseEvent.UserNotificationDue e = (CaseEvent.UserNotificationDue) event;
				yield new UserNotificationDue(id, e.nondisclosureUntil(), e.at());
			}
			case CASE_FLAGGED -> {
				CaseEvent.CaseFlagged e = (CaseEvent.CaseFlagged) event;
				String detail = CaseDecider.FORMAL_PROCESS_MISSING.equals(e.flag())
						? "emergency disclosure not followed by formal legal process by " + e.deadline()
						: "no answer by " + e.deadline();
				yield new ler.events.CaseFlagged(id, e.flag(), detail, e.at(), summary(after));
			}
		};
		if ((mapped != null) != event.announced()) {
			throw new IllegalStateException(event.kind() + ": announced and mapped must agree");
		}
		return Optional.ofNullable(mapped);
	}

	/** What reporting needs to count a request, with no identifier in it. */
	static RequestSummary summary(ReviewCase c) {
		ReviewCase.Request r = c.request();
		return new RequestSummary(r.country(), r.service(), r.customerType(), r.legalProcess(), r.identifiers().size(),
				r.receivedAt(), c.flags().contains(CaseDecider.OVERDUE));
	}

}
