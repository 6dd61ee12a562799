package ler.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A case needs attention: {@code FORMAL_PROCESS_MISSING} (an emergency disclosure was not
 * followed by formal legal process in time) or {@code OVERDUE} (still awaiting counsel
 * past its answer deadline).
 *
 * @param request the request's place in the figures; null in events written before it was
 * added
 */
public record CaseFlagged(UUID requestId, String flag, String detail, Instant at,
		RequestSummary request) implements ReviewEvent {

	public static final String OVERDUE = "OVERDUE";

	public static final String FORMAL_PROCESS_MISSING = "FORMAL_PROCESS_MISSING";

	/** The first version's fields only. */
	public CaseFlagged(UUID requestId, String flag, String detail, Instant at) {
		this(requestId, flag, detail, at, null);
	}

}
