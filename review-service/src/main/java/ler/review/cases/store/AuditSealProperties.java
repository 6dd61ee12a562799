package ler.review.cases.store;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secrets that key the seals of case histories (ADR 17), kept outside the store: a
 * Secret in Kubernetes, {@code .env} for compose, the data directory for the local stack.
 * None of them is ever logged or stored.
 *
 * @param sealSecret the secret new seals are made with (HMAC-SHA256 over the UTF-8 bytes
 * of this text), at least 32 characters of random (e.g. 48 hex digits); empty: seals are
 * not keyed (tests and tools only; the service warns at start)
 * @param previousSealSecrets secrets of earlier rotations, to verify the seals made with
 * them; never used for new seals
 * @param unkeyedUntil an ISO-8601 instant, or empty: with a secret, histories sealed
 * before seals were keyed (unkeyed SHA-256, or no seal at all) are taken as intact only
 * for entries made at or before it, and only ahead of every keyed seal; empty: none is (a
 * new deployment). Set it to the moment of the upgrade for a store written by an earlier
 * version. A secret shorter than 32 characters or an instant that does not parse stops
 * the service at start ({@link #check()}: the message names the property, never the
 * value).
 */
@ConfigurationProperties("ler.review.audit")
public record AuditSealProperties(String sealSecret, List<String> previousSealSecrets, String unkeyedUntil) {

	/** The shortest secret taken: 32 characters. */
	public static final int MIN_SECRET_LENGTH = 32;

	public AuditSealProperties {
		sealSecret = (sealSecret == null) ? "" : sealSecret.strip();
		previousSealSecrets = (previousSealSecrets == null) ? List.of()
				: previousSealSecrets.stream().map(String::strip).filter((s) -> !s.isEmpty()).toList();
		unkeyedUntil = (unkeyedUntil == null) ? "" : unkeyedUntil.strip();
	}

	/**
	 * Checks the values (called when the chain is made, so a failure is the bean's, not
	 * the binder's, and never echoes a value).
	 * @throws IllegalArgumentException naming the property and the rule
	 */
	void check() {
		if (!this.sealSecret.isEmpty() && this.sealSecret.length() < MIN_SECRET_LENGTH) {
			throw new IllegalArgumentException(
					"ler.review.audit.seal-secret must be at least " + MIN_SECRET_LENGTH + " characters");
		}
		if (this.previousSealSecrets.stream().anyMatch((s) -> s.length() < MIN_SECRET_LENGTH)) {
			throw new IllegalArgumentException("ler.review.audit.previous-seal-secrets must each be at least "
					+ MIN_SECRET_LENGTH + " characters");
		}
		if (!this.unkeyedUntil.isEmpty()) {
			try {
				Instant.parse(this.unkeyedUntil);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(
						"ler.review.audit.unkeyed-until must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
			}
		}
	}

	/** Names no secret: the values never reach a log line. */
	@Override
	public String toString() {
		return "AuditSealProperties[keyed=" + !this.sealSecret.isEmpty() + ", previous="
				+ this.previousSealSecrets.size() + ", unkeyedUntil=" + this.unkeyedUntil + "]";
	}

	/** Unkeyed seals: tests and tools. */
	public static AuditSealProperties unkeyed() {
		return new AuditSealProperties("", List.of(), "");
	}

	/** The instant up to which unkeyed entries are taken, or null for none. */
	Instant unkeyedUntilInstant() {
		return this.unkeyedUntil.isEmpty() ? null : Instant.parse(this.unkeyedUntil);
	}

}
