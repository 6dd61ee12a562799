package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A case needs attention, e.g. {@code FORMAL_PROCESS_MISSING}: an emergency disclosure
 * was not followed by formal legal process in time.
 */
public record CaseFlagged(UUID requestId, String flag, String detail, Instant at) implements ReviewEvent {
}
