package ler.events;

import java.time.Instant;

/**
 * What reporting needs of a request, never its identifiers. Review events that change a
 * request's place in the figures carry it, so each can be placed from the event alone.
 */
public record RequestSummary(String country, String service, String customerType, String legalProcess,
		int identifierCount, Instant receivedAt) {
}
