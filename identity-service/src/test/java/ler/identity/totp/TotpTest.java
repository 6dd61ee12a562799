package ler.identity.totp;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

	/** RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890". */
	private static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

	@Test
	void matchesTheRfc6238TestVectorsForSha1() {
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)), 8)).isEqualTo("94287082");
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109)), 8)).isEqualTo("07081804");
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111111)), 8)).isEqualTo("14050471");
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1234567890)), 8)).isEqualTo("89005924");
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(2000000000)), 8)).isEqualTo("69279037");
		assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(20000000000L)), 8)).isEqualTo("65353130");
	}

	@Test
	void sixDigitCodesAreTheLastSixOfTheTruncation() {
		assertThat(Totp.code(RFC_SEED, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
	}

	@Test
	void acceptsOneStepEitherSideAndNoFurther() {
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		for (long drift = -1; drift <= 1; drift++) {
			String code = Totp.code(RFC_SEED, step + drift, 6);
			assertThat(Totp.verify(RFC_SEED, code, now, Long.MIN_VALUE)).hasValue(step + drift);
		}
		assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step - 2, 6), now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.verify(RFC_SEED, Totp.code(RFC_SEED, step + 2, 6), now, Long.MIN_VALUE)).isEmpty();
	}

	@Test
	void refusesACodeOfAStepAlreadyUsed() {
		Instant now = Instant.ofEpochSecond(1234567890);
		long step = Totp.step(now);
		String code = Totp.code(RFC_SEED, step, 6);
		assertThat(Totp.verify(RFC_SEED, code, now, step)).isEmpty();
		assertThat(Totp.verify(RFC_SEED, code, now, step - 1)).hasValue(step);
	}

	@Test
	void refusesMalformedCodes() {
		Instant now = Instant.ofEpochSecond(1234567890);
		assertThat(Totp.verify(RFC_SEED, null, now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.verify(RFC_SEED, "12345", now, Long.MIN_VALUE)).isEmpty();
		assertThat(Totp.verify(RFC_SEED, "12345a", now, Long.MIN_VALUE)).isEmpty();
	}

	@Test
	void base32RoundTripsAndIgnoresCaseAndPadding() {
		assertThat(Base32.encode(RFC_SEED)).isEqualTo("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
		assertThat(Base32.decode("gezdgnbvgy3tqojqgezdgnbvgy3tqojq")).isEqualTo(RFC_SEED);
		assertThat(Base32.decode("MZXW6===")).isEqualTo("foo".getBytes(StandardCharsets.US_ASCII));
	}

}
