package ler.identity.totp;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords as RFC 6238 defines them with the parameters every
 * authenticator app uses: HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits. A
 * code is accepted for the current step and one step either side (clock drift, RFC 6238
 * 5.2), and only for a step later than the last one the account used, so a code seen once
 * cannot be replayed.
 */
public final class Totp {

	/** Seconds per time step. */
	public static final long STEP_SECONDS = 30;

	/** Digits of a code. */
	public static final int DIGITS = 6;

	/** Steps accepted either side of the current one. */
	public static final int WINDOW = 1;

	private static final int[] POWERS = { 1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000 };

	private Totp() {
	}

	/** The time step {@code instant} falls in. */
	public static long step(Instant instant) {
		return Math.floorDiv(instant.getEpochSecond(), STEP_SECONDS);
	}

	/** The 6-digit code of {@code secret} at {@code instant}. */
	public static String code(byte[] secret, Instant instant) {
		return code(secret, step(instant), DIGITS);
	}

	/**
	 * The code of {@code secret} for a time step, with {@code digits} digits (RFC 4226
	 * dynamic truncation).
	 */
	public static String code(byte[] secret, long step, int digits) {
		byte[] hash = hmacSha1(secret, ByteBuffer.allocate(8).putLong(step).array());
		int offset = hash[hash.length - 1] & 0x0f;
		int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
				| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
		String code = Integer.toString(binary % POWERS[digits]);
		return "0".repeat(digits - code.length()) + code;
	}

	/**
	 * The step a code matches, if it matches one within the window around {@code now}
	 * that is later than {@code lastUsedStep}; empty otherwise (wrong, expired or
	 * replayed). Compares in constant time.
	 */
	public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
		if (code == null || code.length() != DIGITS || !code.chars().allMatch(Character::isDigit)) {
			return OptionalLong.empty();
		}
		long current = step(now);
		OptionalLong matched = OptionalLong.empty();
		for (long step = current - WINDOW; step <= current + WINDOW; step++) {
			boolean equal = MessageDigest.isEqual(code(secret, step, DIGITS).getBytes(), code.getBytes());
			if (equal && step > lastUsedStep && matched.isEmpty()) {
				matched = OptionalLong.of(step);
			}
		}
		return matched;
	}

	private static byte[] hmacSha1(byte[] key, byte[] message) {
		try {
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(key, "HmacSHA1"));
			return mac.doFinal(message);
		}
		catch (GeneralSecurityException ex) {
			// every Java platform must provide HmacSHA1 (Mac javadoc)
			throw new IllegalStateException(ex);
		}
	}

}
