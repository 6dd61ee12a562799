package ler.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON wire form of every event. Reading is tolerant: unknown fields are ignored, so
 * producers may add fields without breaking older consumers.
 */
public final class EventCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.changeDefaultPropertyInclusion((incl) -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	public byte[] encode(EventEnvelope<?> envelope) {
		return this.mapper.writeValueAsBytes(envelope);
	}

	public EventEnvelope<RequestEvent> decodeRequestEvent(byte[] json) {
		return decode(json, RequestEvent.class);
	}

	public EventEnvelope<ReviewEvent> decodeReviewEvent(byte[] json) {
		return decode(json, ReviewEvent.class);
	}

	private <T> EventEnvelope<T> decode(byte[] json, Class<T> stream) {
		JsonNode root;
		try {
			root = this.mapper.readTree(json);
		}
		catch (RuntimeException ex) {
			throw new MalformedEventException("not JSON: " + ex.getMessage(), ex);
		}
		if (root == null || !root.isObject()) {
			throw new MalformedEventException("not a JSON object");
		}
		String typeName = text(root, "type");
		EventType type = EventType.named(typeName).orElseThrow(() -> new UnknownEventTypeException(typeName));
		if (!stream.isAssignableFrom(type.dataClass())) {
			throw new UnknownEventTypeException(typeName + " does not belong to " + stream.getSimpleName());
		}
		JsonNode data = root.get("data");
		if (data == null || !data.isObject()) {
			throw new MalformedEventException("data missing");
		}
		try {
			T payload = stream.cast(this.mapper.treeToValue(data, type.dataClass()));
			return new EventEnvelope<>(text(root, "specversion"), text(root, "id"), text(root, "source"), typeName,
					text(root, "subject"), this.mapper.treeToValue(root.get("time"), java.time.Instant.class),
					optionalText(root, "datacontenttype"), optionalText(root, "dataschema"),
					root.path("schemaversion").asInt(type.schemaVersion()), root.path("sequence").asLong(0), payload);
		}
		catch (RuntimeException ex) {
			throw new MalformedEventException(typeName + ": " + ex.getMessage(), ex);
		}
	}

	private static String text(JsonNode root, String field) {
		JsonNode node = root.get(field);
		if (node == null || !node.isString() || node.asString().isBlank()) {
			throw new MalformedEventException("attribute '" + field + "' missing");
		}
		return node.asString();
	}

	private static String optionalText(JsonNode root, String field) {
		JsonNode node = root.get(field);
		return (node == null || node.isNull()) ? null : node.asString();
	}

}
