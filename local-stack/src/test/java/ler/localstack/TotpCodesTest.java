package ler.localstack;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The test's TOTP codes are the ones RFC 6238 specifies. */
class TotpCodesTest {

	@Test
	void computesTheRfc6238TestVectors() {
		// Appendix B: the SHA-1 secret "12345678901234567890", last six digits
		String secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
		assertThat(TotpCodes.totp(secret, Instant.ofEpochSecond(59))).isEqualTo("287082");
		assertThat(TotpCodes.totp(secret, Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
		assertThat(TotpCodes.totp(secret, Instant.ofEpochSecond(2000000000))).isEqualTo("279037");
	}

}
