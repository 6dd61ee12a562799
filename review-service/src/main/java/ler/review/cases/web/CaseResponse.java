package ler.review.cases.web;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.model.ReviewCase.ConsentEvidence;
import ler.review.cases.model.ReviewCase.DocumentVersion;
import ler.review.cases.model.ReviewCase.HistoryEntry;
import ler.review.cases.model.ReviewCase.Link;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import ler.review.cases.model.ReviewCase.Request;

/**
 * A case as counsel's API answers it: the case's fields and whether it is overdue now.
 *
 * @param overdue awaiting counsel past {@code dueAt} at the time of the answer
 * @param proposal while {@code AWAITING_APPROVAL}: the decision or amendment awaiting a
 * second senior counsel ({@code kind}, {@code decision}, {@code reason},
 * {@code contractualArrangement}, {@code proposedBy}, {@code proposedAt},
 * {@code grounds})
 * @param consentEvidence the proof of the customer's answer on consent
 * @param documents the legal-process document's versions, version 1 first
 * @param decidedDocumentVersion the version the decision in effect was taken on
 */
record CaseResponse(UUID requestId, CaseStatus status, Request request, Instant openedAt, Instant dueAt, int priority,
		RecordedDecision decision, String consent, Instant preservedUntil, boolean preservationExtended,
		Instant formalProcessDueAt, Instant userNotificationDueAt, Set<String> flags, List<Link> links,
		List<HistoryEntry> history, boolean overdue, Proposal proposal, ConsentEvidence consentEvidence,
		List<DocumentVersion> documents, Integer decidedDocumentVersion) {

	static CaseResponse of(ReviewCase c, Instant now) {
		return new CaseResponse(c.requestId(), c.status(), c.request(), c.openedAt(), c.dueAt(), c.priority(),
				c.decision(), c.consent(), c.preservedUntil(), c.preservationExtended(), c.formalProcessDueAt(),
				c.userNotificationDueAt(), c.flags(), c.links(), c.history(), c.overdueAt(now), c.proposal(),
				c.consentEvidence(), c.documents(), c.decidedDocumentVersion());
	}

}
