package ler.events;

import java.nio.charset.StandardCharsets;

/**
 * The CloudEvents Kafka protocol binding, structured content mode: every record's value
 * is one event in the CloudEvents JSON format (an {@link EventEnvelope} as written by
 * {@link EventCodec}), and its {@code content-type} header says so, which is how a
 * CloudEvents SDK reader tells a structured event from binary mode or an unknown
 * encoding. Every producer of a stream sets this header on every record.
 */
public final class CloudEventsKafka {

	/** The Kafka header name the binding reads the content type from. */
	public static final String CONTENT_TYPE_HEADER = "content-type";

	/** The structured-mode content type of a JSON event encoded in UTF-8. */
	public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

	private CloudEventsKafka() {
	}

	/**
	 * The header value as raw bytes: Kafka headers are bytes, and a String handed to a
	 * Spring header mapper may be written as a quoted JSON string instead.
	 */
	public static byte[] structuredContentType() {
		return STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8);
	}

}
