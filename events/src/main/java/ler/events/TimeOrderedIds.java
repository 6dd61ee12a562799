package ler.events;

import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * The ids this system mints: request ids and event ids. Each is an RFC 9562 version 7
 * UUID (section 5.7): 48 bits of Unix time in milliseconds, then 74 bits from
 * {@link java.security.SecureRandom}. Ids minted in a later millisecond (by the system
 * clock) sort later, as UUIDs and as their canonical strings; within one millisecond one
 * process counts the random bits up by one (section 6.2, method 1), so its ids still sort
 * in the order they were minted. They are 128-bit UUIDs like any other, so consumers
 * accept them, and ids minted before (version 4) stay valid.
 * <p>
 * Why (ADR 14): the stores keep every document and unique index in B-trees keyed by these
 * ids (cases, intake's views, the projection's claims). Random (version 4) ids land on a
 * random leaf each, so every commit rewrites pages all over the tree; time-ordered ids
 * land on the rightmost leaves. Generation is the library's (java-uuid-generator), not
 * ours.
 * <p>
 * What an id reveals: the millisecond it was minted (the request's submission time or the
 * event's time, which the holders of an id already see), and, for the next id minted in
 * the same millisecond, that id (this one plus one). Ids are not secrets and never an
 * authorization: every route checks the caller's role and agency.
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
