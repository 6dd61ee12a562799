package ler.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event on the wire, in CloudEvents 1.0 structured JSON form. {@code subject} is the
 * request id and also the Kafka key, so all events of one request stay in order on one
 * partition. {@code source} + {@code id} is unique: consumers may drop repeats.
 *
 * @param sequence position of this event among the events of the same request on the same
 * stream, starting at 1; projections use it to ignore stale or repeated events
 */
public record EventEnvelope<T>(String specversion, String id, String source, String type, String subject, Instant time,
		String datacontenttype, String dataschema, int schemaversion, long sequence, T data) {

	public static final String SPEC_VERSION = "1.0";

	public static final String CONTENT_TYPE = "application/json";

	public EventEnvelope {
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(data, "data");
	}

	/**
	 * Wraps {@code data}; the event id is given so that a retried publish repeats the
	 * same id.
	 */
	public static <T> EventEnvelope<T> wrap(UUID eventId, String source, UUID requestId, long sequence, Instant time,
			T data) {
		EventType type = EventType.of(data.getClass());
		return new EventEnvelope<>(SPEC_VERSION, eventId.toString(), source, type.typeName(), requestId.toString(),
				time, CONTENT_TYPE, type.dataschema(), type.schemaVersion(), sequence, data);
	}

	public UUID requestId() {
		return UUID.fromString(subject);
	}

}
