package ler.review.cases.model;

import java.util.UUID;

import ler.review.cases.model.ReviewCase.Document;
import ler.review.cases.model.ReviewCase.Request;

/**
 * What someone (counsel, the requester through intake, the clock) asks of a case. Fields
 * are as posted (strings, nullable) so that every bad value gets a named answer from
 * {@link CaseDecider#validate(CaseCommand)}. The {@code actor} of a move of the legal
 * team is never posted: it is the opaque account id (the {@code sub}) of the caller's
 * access token.
 */
public sealed interface CaseCommand {

	/**
	 * Which command this is: switched over (Java 17 has no pattern switch) so that the
	 * compiler names a command a handler forgets.
	 */
	enum Kind {

		OPEN, VERIFY, DECIDE, ANSWER_CONSENT, AMEND, EXTEND_PRESERVATION, WITHDRAW, TICK, LINK, ATTACH_DOCUMENT, APPROVE

	}

	Kind kind();

	/** Open a case for a request intake received. */
	record Open(UUID requestId, Request request) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.OPEN;
		}

	}

	/** Counsel verifies (or not) a requester whose domain was not on the allow-list. */
	record Verify(Boolean verified, String reason, String actor) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.VERIFY;
		}

	}

	/**
	 * Counsel's decision; one that needs four eyes becomes a proposal.
	 *
	 * @param contractualArrangement for an enterprise disclosure without the customer's
	 * consent: the arrangement it rests on
	 */
	record Decide(String decision, String reason, String actor, String contractualArrangement) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.DECIDE;
		}

		public Decide(String decision, String reason, String actor) {
			this(decision, reason, actor, null);
		}

	}

	/**
	 * The enterprise customer's answer to the request for consent, with its proof.
	 *
	 * @param evidence who at the customer answered, when and how; required
	 */
	record AnswerConsent(Boolean granted, String reason, Evidence evidence, String actor) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.ANSWER_CONSENT;
		}

	}

	/**
	 * The customer's answer as posted.
	 *
	 * @param givenBy who at the customer, free text
	 * @param givenAt an ISO-8601 instant, e.g. {@code 2012-03-19T16:00:00Z}
	 * @param method one of {@link ReviewCase.ConsentMethod}
	 */
	record Evidence(String givenBy, String givenAt, String method) {
	}

	/** Replace a final decision by another final decision (always four eyes). */
	record Amend(String decision, String reason, String actor, String contractualArrangement) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.AMEND;
		}

	}

	/**
	 * A senior counsel's answer to a proposal awaiting approval.
	 *
	 * @param approved true: the proposal takes effect; false: it is dropped
	 * @param actor the approver, who must not be the proposer
	 */
	record Approve(Boolean approved, String reason, String actor) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.APPROVE;
		}

	}

	/** Extend a preservation, once. */
	record ExtendPreservation(String reason, String actor) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.EXTEND_PRESERVATION;
		}

	}

	/** The requester withdrew the request. */
	record Withdraw(String reason) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.WITHDRAW;
		}

	}

	/** Apply whatever has fallen due by now (expiry, notification, flags). */
	record Tick() implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.TICK;
		}

	}

	/** Record a link to another request about the same identifiers. */
	record Link(UUID requestId, String relation, String action, String detail,
			boolean formalProcessArrived) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.LINK;
		}

	}

	/**
	 * Record a legal-process document version that arrived after the request.
	 *
	 * @param version the version intake gave it; null when the event did not say (then
	 * the next after those the case knows)
	 * @param attachedBy who uploaded it (an opaque account id), or null when not known
	 */
	record AttachDocument(Document document, Integer version, String attachedBy) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.ATTACH_DOCUMENT;
		}

		public AttachDocument(Document document) {
			this(document, null, null);
		}

	}

}
