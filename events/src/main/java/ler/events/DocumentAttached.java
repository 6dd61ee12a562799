package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A new version of the legal-process document was added after the request. The document
 * is append-only: each upload is a new version and none is ever replaced (the one that
 * came with the request is version 1). Fields after {@code attachedAt} were added later
 * and are null in events written before them.
 *
 * @param document the stored file: id, name, media type, size in bytes, SHA-256
 * @param attachedAt when intake accepted it
 * @param version the version this upload became: 2, 3, ... (null in older events)
 * @param attachedBy the account that added it, an opaque id (the token's {@code sub});
 * null in older events
 */
public record DocumentAttached(UUID requestId, RequestReceived.Document document, Instant attachedAt, Integer version,
		String attachedBy) implements RequestEvent {

	/** The fields before versions and attribution. */
	public DocumentAttached(UUID requestId, RequestReceived.Document document, Instant attachedAt) {
		this(requestId, document, attachedAt, null, null);
	}

}
