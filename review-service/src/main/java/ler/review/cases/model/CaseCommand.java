package ler.review.cases.model;

import java.util.UUID;

import ler.review.cases.model.ReviewCase.Document;
import ler.review.cases.model.ReviewCase.Request;

/**
 * What someone (counsel, the requester through intake, the clock) asks of a case. Fields
 * are as posted (strings, nullable) so that every bad value gets a named answer from
 * {@link CaseDecider#validate(CaseCommand)}.
 */
public sealed interface CaseCommand {

	/**
	 * Which command this is: switched over (Java 17 has no pattern switch) so that the
	 * compiler names a command a handler forgets.
	 */
	enum Kind {

		OPEN, VERIFY, DECIDE, ANSWER_CONSENT, AMEND, EXTEND_PRESERVATION, WITHDRAW, TICK, LINK, ATTACH_DOCUMENT

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
	record Verify(Boolean verified, String reason, String counsel) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.VERIFY;
		}

	}

	/**
	 * Counsel's decision.
	 *
	 * @param contractualArrangement for an enterprise disclosure without the customer's
	 * consent: the arrangement it rests on
	 */
	record Decide(String decision, String reason, String counsel,
			String contractualArrangement) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.DECIDE;
		}

		public Decide(String decision, String reason, String counsel) {
			this(decision, reason, counsel, null);
		}

	}

	/** The enterprise customer's answer to the request for consent. */
	record AnswerConsent(Boolean granted, String reason, String counsel) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.ANSWER_CONSENT;
		}

	}

	/** Replace a final decision by another final decision. */
	record Amend(String decision, String reason, String counsel, String contractualArrangement) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.AMEND;
		}

	}

	/** Extend a preservation, once. */
	record ExtendPreservation(String reason, String counsel) implements CaseCommand {

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

	/** Record a legal-process document that arrived after the request. */
	record AttachDocument(Document document) implements CaseCommand {

		@Override
		public Kind kind() {
			return Kind.ATTACH_DOCUMENT;
		}

	}

}
