package ler.review.cases.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ler.review.cases.model.ReviewCase.HistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A case's history as a hash chain, so an entry changed, removed or reordered in the
 * store afterwards is found: each entry's seal is the hex SHA-256 (JDK) of the previous
 * seal and the entry's time (epoch milliseconds, as stored), actor, action and detail,
 * each on its own line; the first entry chains from a genesis naming the request, so
 * entries cannot be moved between cases. Seals are computed once, when an entry is first
 * stored, and kept: a later write never re-seals what it read. Verified on every read of
 * a case; a broken chain sets the gauge {@code ler.audit.chain.broken} to 1 for the life
 * of the process (the alert {@code LerAuditChainBroken}) and is logged with the request
 * id only. Entries stored before seals existed are sealed with the next write of their
 * case. Not found by the chain alone: removing the newest entries (the published events
 * in {@code ler.decisions} are the record to compare with).
 */
@Component
public class AuditChain {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	private final AtomicInteger broken = new AtomicInteger();

	/** A chain whose breaks are logged but not exported (tests, tools). */
	public AuditChain() {
	}

	/**
	 * A chain whose breaks set the gauge {@code ler.audit.chain.broken} in
	 * {@code meters}.
	 */
	@Autowired
	public AuditChain(MeterRegistry meters) {
		Gauge.builder("ler.audit.chain.broken", this.broken, (b) -> (b.get() > 0) ? 1 : 0)
			.description("1 once a case history was found whose hash chain is broken")
			.register(meters);
	}

	/** Whether a broken chain was found since this process started. */
	public boolean brokenSeen() {
		return this.broken.get() > 0;
	}

	/**
	 * The entries with a seal each: stored seals are kept, new entries are chained on.
	 */
	List<HistoryEntry> sealed(UUID requestId, List<HistoryEntry> history) {
		List<HistoryEntry> sealed = new ArrayList<>(history.size());
		String previous = genesis(requestId);
		for (HistoryEntry entry : history) {
			String seal = (entry.seal() != null) ? entry.seal() : seal(previous, entry);
			sealed.add(new HistoryEntry(entry.at(), entry.actor(), entry.action(), entry.detail(), seal));
			previous = seal;
		}
		return sealed;
	}

	/**
	 * Checks the chain of a case's history as read from the store. Every write seals
	 * every entry, so a history is either all unsealed (stored before seals existed and
	 * not written since) or all sealed.
	 * @return whether it is intact
	 */
	boolean verify(UUID requestId, List<HistoryEntry> history) {
		long unsealed = history.stream().filter((entry) -> entry.seal() == null).count();
		if (unsealed == history.size()) {
			return true;
		}
		if (unsealed > 0) {
			return broken(requestId);
		}
		String previous = genesis(requestId);
		for (HistoryEntry entry : history) {
			if (!entry.seal().equals(seal(previous, entry))) {
				return broken(requestId);
			}
			previous = entry.seal();
		}
		return true;
	}

	private boolean broken(UUID requestId) {
		this.broken.incrementAndGet();
		log.error("The history of case {} does not match its hash chain: it was altered in the store", requestId);
		return false;
	}

	static String genesis(UUID requestId) {
		return sha256("ler.review.case-history\n" + requestId);
	}

	static String seal(String previous, HistoryEntry entry) {
		Instant at = entry.at();
		return sha256(previous + "\n" + ((at == null) ? "" : Long.toString(at.toEpochMilli())) + "\n"
				+ nullToEmpty(entry.actor()) + "\n" + nullToEmpty(entry.action()) + "\n" + nullToEmpty(entry.detail()));
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

}
