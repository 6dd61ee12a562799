package ler.events;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * The ids this system mints: request ids and event ids. Each is an RFC 9562 version 7
 * UUID (section 5.7): 48 bits of Unix time in milliseconds, then random bits; ids minted
 * later sort later, as UUIDs and as their canonical strings, and ids minted by one
 * process within one millisecond also sort in the order they were minted (section 6.2, a
 * counter in the random bits). They are still 128-bit UUIDs, so consumers accept them as
 * any other.
 * <p>
 * Why (ADR 14): the stores keep every document and unique index in B-trees keyed by these
 * ids (cases, intake's views, the projection's claims). Random (version 4) ids land on a
 * random leaf each, so every commit rewrites pages all over the tree; time-ordered ids
 * land on the rightmost leaves. Generation is the library's (java-uuid-generator), not
 * ours.
 * <p>
 * What an id reveals: the millisecond it was minted, which is the request's submission
 * time or the event's time, both of which the holders of an id already see. The 74 random
 * bits come from {@link java.security.SecureRandom}, so ids stay unguessable; they are
 * never an authorization (every route checks the caller's role and agency).
 */
public final class TimeOrderedIds {

	private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

	private TimeOrderedIds() {
	}

	/**
	 * A fresh version 7 UUID; thread-safe (the library's generator takes a lock).
	 * @return an id that sorts after the ids this process minted before it, unless the
	 * system clock was set back in between
	 */
	public static UUID next() {
		return GENERATOR.generate();
	}

}
