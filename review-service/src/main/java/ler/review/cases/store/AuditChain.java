package ler.review.cases.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import ler.review.cases.model.ReviewCase.HistoryEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A case's history as a chain of seals, so an entry changed, removed or reordered in the
 * store afterwards is found, also by someone with write access to the store who computes
 * the chain again: each entry's seal is an HMAC-SHA256 (JDK, RFC 2104), under a secret
 * kept outside the store ({@link AuditSealProperties}, ADR 17), of the previous seal and
 * the entry's time (epoch milliseconds, as stored), actor, action and detail, each
 * length-prefixed; the first entry chains from a genesis naming the request, so entries
 * cannot be moved between cases. A keyed seal reads {@code hmac-sha256:<key id>:<hex>}:
 * the key id (8 hex digits derived from the secret) says which secret made it, so seals
 * made before a rotation verify with the previous secrets. Seals are computed once, when
 * an entry is first stored, and kept: a later write never re-seals an entry it read.
 * Verified on every read of a case; a broken chain sets the gauge
 * {@code ler.audit.chain.broken} to 1 for the life of the process (the alert
 * {@code LerAuditChainBroken}) and is logged with the request id only.
 * <p>
 * Histories stored before seals were keyed carry unkeyed seals (hex SHA-256 of the same
 * text) or none: with a secret, those are taken as intact only up to
 * {@code ler.review.audit.unkeyed-until} and only ahead of every keyed seal, so a history
 * rewritten with unkeyed seals, or stripped of its seals, is found. Without a secret
 * (tests, tools) seals are unkeyed, as before ADR 17, and a keyed one cannot be verified.
 * <p>
 * What it does not prove: removing the newest entries, or an unsealed entry appended and
 * then sealed by the next write of the case (the alarm fires once, on the read before
 * that write); nor anything about entries stored unkeyed before the cut-off. The
 * published events in {@code ler.decisions} are the independent record to compare with.
 */
@Component
public class AuditChain {

	private static final Logger log = LoggerFactory.getLogger(AuditChain.class);

	private static final String KEYED = "hmac-sha256:";

	private final AtomicInteger broken = new AtomicInteger();

	/** The secret new seals are made with, or null: unkeyed. */
	private final Key current;

	/** Every secret a seal may name, by key id. */
	private final Map<String, Key> keys;

	/** Unkeyed entries are taken up to here (with a secret); null: none. */
	private final Instant unkeyedUntil;

	/**
	 * A chain with unkeyed seals whose breaks are logged but not exported (tests, tools).
	 */
	public AuditChain() {
		this(AuditSealProperties.unkeyed());
	}

	/** A chain keyed as {@code seals} says whose breaks are logged but not exported. */
	public AuditChain(AuditSealProperties seals) {
		seals.check();
		this.current = seals.sealSecret().isEmpty() ? null : new Key(seals.sealSecret());
		Map<String, Key> keys = new LinkedHashMap<>();
		if (this.current != null) {
			keys.put(this.current.id(), this.current);
		}
		for (String previous : seals.previousSealSecrets()) {
			Key key = new Key(previous);
			keys.putIfAbsent(key.id(), key);
		}
		this.keys = Map.copyOf(keys);
		this.unkeyedUntil = seals.unkeyedUntilInstant();
	}

	/**
	 * A chain keyed as {@code seals} says whose breaks set the gauge
	 * {@code ler.audit.chain.broken} in {@code meters}.
	 * @throws IllegalArgumentException for a secret under 32 characters or an
	 * unkeyed-until that is not an instant (naming the property, never the value)
	 */
	@Autowired
	public AuditChain(MeterRegistry meters, AuditSealProperties seals) {
		this(seals);
		Gauge.builder("ler.audit.chain.broken", this.broken, (b) -> (b.get() > 0) ? 1 : 0)
			.description("1 once a case history was found whose seal chain is broken")
			.register(meters);
		if (this.current == null) {
			log.warn("Case histories are sealed without a secret: anyone with write access to the store can reseal"
					+ " them. Set LER_AUDIT_SEAL_SECRET (ADR 17).");
		}
	}

	/** A chain with unkeyed seals whose breaks set the gauge in {@code meters}. */
	public AuditChain(MeterRegistry meters) {
		this(meters, AuditSealProperties.unkeyed());
	}

	/** Whether a broken chain was found since this process started. */
	public boolean brokenSeen() {
		return this.broken.get() > 0;
	}

	/**
	 * The entries with a seal each: stored seals are kept, new entries are chained on
	 * with the current secret (unkeyed without one).
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
			return history.stream().allMatch(this::unkeyedTaken) || broken(requestId);
		}
		if (unsealed > 0) {
			return broken(requestId);
		}
		String previous = genesis(requestId);
		boolean keyedSeen = false;
		for (HistoryEntry entry : history) {
			String seal = entry.seal();
			boolean intact;
			if (seal.startsWith(KEYED)) {
				keyedSeen = true;
				Key key = this.keys.get(keyId(seal));
				intact = key != null && MessageDigest.isEqual(bytes(seal), bytes(key.seal(previous, entry)));
			}
			else {
				intact = !keyedSeen && unkeyedTaken(entry) && seal.equals(unkeyedSeal(previous, entry));
			}
			if (!intact) {
				return broken(requestId);
			}
			previous = seal;
		}
		return true;
	}

	/** Whether an entry without a keyed seal is taken: always without a secret. */
	private boolean unkeyedTaken(HistoryEntry entry) {
		if (this.current == null) {
			return true;
		}
		return this.unkeyedUntil != null && entry.at() != null && !entry.at().isAfter(this.unkeyedUntil);
	}

	private boolean broken(UUID requestId) {
		this.broken.incrementAndGet();
		log.error("The history of case {} does not match its seal chain: it was altered in the store", requestId);
		return false;
	}

	static String genesis(UUID requestId) {
		return sha256("ler.review.case-history\n" + requestId);
	}

	/** A new entry's seal: keyed with the current secret, unkeyed without one. */
	String seal(String previous, HistoryEntry entry) {
		return (this.current != null) ? this.current.seal(previous, entry) : unkeyedSeal(previous, entry);
	}

	/** The seal of entries stored before ADR 17: hex SHA-256 of the same text. */
	static String unkeyedSeal(String previous, HistoryEntry entry) {
		return sha256(text(previous, entry));
	}

	private static String text(String previous, HistoryEntry entry) {
		Instant at = entry.at();
		StringBuilder text = new StringBuilder(previous);
		for (String field : new String[] { (at == null) ? "" : Long.toString(at.toEpochMilli()),
				nullToEmpty(entry.actor()), nullToEmpty(entry.action()), nullToEmpty(entry.detail()) }) {
			// length-prefixed, so no text can move from one field to the next unseen
			text.append('\n').append(field.length()).append(':').append(field);
		}
		return text.toString();
	}

	private static String keyId(String seal) {
		int end = seal.indexOf(':', KEYED.length());
		return (end < 0) ? "" : seal.substring(KEYED.length(), end);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String nullToEmpty(String value) {
		return (value == null) ? "" : value;
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(text)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
	}

	/**
	 * One secret: its id (the first 8 hex digits of a SHA-256 over a label and the
	 * secret, so the id tells secrets apart without standing in for one) and a MAC made
	 * once and cloned per seal (a {@link Mac} is not thread-safe; a clone is cheap).
	 */
	private static final class Key {

		private final String id;

		private final Mac prototype;

		Key(String secret) {
			this.id = sha256("ler.review.audit-seal-key-id\n" + secret).substring(0, 8);
			try {
				this.prototype = Mac.getInstance("HmacSHA256");
				this.prototype.init(new SecretKeySpec(bytes(secret), "HmacSHA256"));
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("every JDK has HmacSHA256", ex);
			}
		}

		String id() {
			return this.id;
		}

		String seal(String previous, HistoryEntry entry) {
			try {
				Mac mac = (Mac) this.prototype.clone();
				return KEYED + this.id + ":" + HexFormat.of().formatHex(mac.doFinal(bytes(text(previous, entry))));
			}
			catch (CloneNotSupportedException ex) {
				throw new IllegalStateException("the JDK's HmacSHA256 can be cloned", ex);
			}
		}

	}

}
