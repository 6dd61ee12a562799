package ler.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every published event type with its schema version. A breaking change is a new type,
 * never a new meaning for an old one.
 */
public enum EventType {

	REQUEST_RECEIVED("RequestReceived", 1, RequestReceived.class),

	DOCUMENT_ATTACHED("DocumentAttached", 1, DocumentAttached.class),

	REQUEST_WITHDRAWN("RequestWithdrawn", 1, RequestWithdrawn.class),

	DECISION_RECORDED("DecisionRecorded", 1, DecisionRecorded.class),

	DECISION_AMENDED("DecisionAmended", 1, DecisionAmended.class),

	REQUESTER_VERIFIED("RequesterVerified", 1, RequesterVerified.class),

	CUSTOMER_CONSENT_ANSWERED("CustomerConsentAnswered", 1, CustomerConsentAnswered.class),

	PRESERVATION_STARTED("PreservationStarted", 1, PreservationStarted.class),

	PRESERVATION_EXTENDED("PreservationExtended", 1, PreservationExtended.class),

	PRESERVATION_EXPIRED("PreservationExpired", 1, PreservationExpired.class),

	CASE_WITHDRAWN("CaseWithdrawn", 1, CaseWithdrawn.class),

	USER_NOTIFICATION_DUE("UserNotificationDue", 1, UserNotificationDue.class),

	CASE_FLAGGED("CaseFlagged", 1, CaseFlagged.class);

	private final String typeName;

	private final int schemaVersion;

	private final Class<?> dataClass;

	EventType(String typeName, int schemaVersion, Class<?> dataClass) {
		this.typeName = typeName;
		this.schemaVersion = schemaVersion;
		this.dataClass = dataClass;
	}

	public String typeName() {
		return this.typeName;
	}

	public int schemaVersion() {
		return this.schemaVersion;
	}

	public Class<?> dataClass() {
		return this.dataClass;
	}

	public String dataschema() {
		return "urn:ler:events:" + this.typeName + ":" + this.schemaVersion;
	}

	public static EventType of(Class<?> dataClass) {
		return Arrays.stream(values())
			.filter((t) -> t.dataClass.equals(dataClass))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Not a published event: " + dataClass.getName()));
	}

	public static Optional<EventType> named(String typeName) {
		return Arrays.stream(values()).filter((t) -> t.typeName.equals(typeName)).findFirst();
	}

}
