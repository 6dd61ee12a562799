package ler.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every published event type with its schema version. A breaking change is a new type,
 * never a new meaning for an old one.
 */
public enum EventType {

	REQUEST_RECEIVED("RequestReceived", 1, RequestReceived.class),

	DECISION_RECORDED("DecisionRecorded", 1, DecisionRecorded.class);

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
