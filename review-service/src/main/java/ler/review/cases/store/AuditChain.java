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
 * store afterwards by anyone who does not also recompute the chain (a hand edit, a faulty
 * migration, a bug) is found: each entry's seal is the hex SHA-256 (JDK) of the previous
 * seal and the entry's time (epoch milliseconds, as stored), actor, action and detail,
 * each length-prefixed; the first entry chains from a genesis naming the request, so
 * entries cannot be moved between cases. Seals are computed once, when an entry is first
 * stored, and kept: a later write never re-seals an entry it read. Verified on every read
 * of a case; a broken chain sets the gauge {@code ler.audit.chain.broken} to 1 for the
 * life of the process (the alert {@code LerAuditChainBroken}) and is logged with the
 * request id only.
 *
 * <p>
 * What it does not prove: the seals are not keyed, so someone with write access to the
 * store who recomputes the chain, or strips every seal (read as a history stored before
 * seals existed, sealed again with the next write), is not found; nor is removing the
 * newest entries, or an unsealed entry appended and then sealed by the next write of the
 * case (the alarm fires once, on the read before that write). The published events in
 * {@code ler.decisions} are the independent record to compare with; keying the seals with
 * a secret kept outside the store would close the first gap.
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
		StringBuilder text = new StringBuilder(previous);
		for (String field : new String[] { (at == null) ? "" : Long.toString(at.toEpochMilli()),
				nullToEmpty(entry.actor()), nullToEmpty(entry.action()), nullToEmpty(entry.detail()) }) {
			// length-prefixed, so no text can move from one field to the next unseen
			text.append('\n').append(field.length()).append(':').append(field);
		}
		return sha256(text.toString());
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
