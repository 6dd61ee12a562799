package ler.events;

import java.util.UUID;

/** Events of the review stream, published by review-service. */
public sealed interface ReviewEvent
		permits DecisionRecorded, DecisionAmended, RequesterVerified, CustomerConsentAnswered, PreservationStarted,
		PreservationExtended, PreservationExpired, CaseWithdrawn, UserNotificationDue, CaseFlagged {

	UUID requestId();

}
