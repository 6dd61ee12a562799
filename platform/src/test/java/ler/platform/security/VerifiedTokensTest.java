package ler.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private final List<String> verified = new ArrayList<>();

	private final MutableClock clock = new MutableClock(NOW);

	/** Accepts tokens starting with "good", each expiring at NOW + 10 minutes. */
	private final ReactiveJwtDecoder verifier = (token) -> {
		this.verified.add(token);
		if (!token.startsWith("good")) {
			return Mono.error(new BadJwtException("bad signature"));
		}
		return Mono.just(jwt(token, NOW.plus(Duration.ofMinutes(10))));
	};

	/** As the real validator does for {@code exp}: refused once it has passed. */
	private final OAuth2TokenValidator<Jwt> validator = (jwt) -> this.clock.instant().isBefore(jwt.getExpiresAt())
			? OAuth2TokenValidatorResult.success()
			: OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token", "expired", null));

	private final VerifiedTokens tokens = new VerifiedTokens(this.verifier, this.validator, this.clock,
			Duration.ofMinutes(5), 3);

	@Test
	void checksTheSignatureOfATokenOnlyOnce() {
		Jwt first = this.tokens.decode("good-a").block();
		Jwt again = this.tokens.decode("good-a").block();
		assertThat(again).isSameAs(first);
		assertThat(this.verified).containsExactly("good-a");
	}

	@Test
	void remembersOnlyTheExactToken() {
		this.tokens.decode("good-a").block();
		this.tokens.decode("good-a2").block();
		assertThat(this.verified).containsExactly("good-a", "good-a2");
	}

	@Test
	void neverRemembersARefusedToken() {
		assertThatThrownBy(() -> this.tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
		assertThatThrownBy(() -> this.tokens.decode("forged").block()).isInstanceOf(BadJwtException.class);
		assertThat(this.verified).containsExactly("forged", "forged");
	}

	@Test
	void validatesARememberedTokenOnEveryUseSoItIsRefusedOnceExpired() {
		this.tokens.decode("good-a").block();
		this.clock.set(NOW.plus(Duration.ofMinutes(4)));
		this.tokens.decode("good-a").block();
		assertThat(this.verified).hasSize(1);
		// expired: the remembered token fails validation and goes to the verifier,
		// whose answer (here: a fresh token that has expired as well) stands
		this.clock.set(NOW.plus(Duration.ofMinutes(11)));
		this.tokens.decode("good-a").block();
		assertThat(this.verified).hasSize(2);
	}

	@Test
	void checksTheSignatureAgainAfterTheMaximumAge() {
		this.tokens.decode("good-a").block();
		this.clock.set(NOW.plus(Duration.ofMinutes(5)));
		this.tokens.decode("good-a").block();
		assertThat(this.verified).containsExactly("good-a", "good-a");
	}

	@Test
	void remembersAtMostItsCapacity() {
		for (String token : List.of("good-1", "good-2", "good-3", "good-4")) {
			this.tokens.decode(token).block();
		}
		this.tokens.decode("good-1").block();
		this.tokens.decode("good-4").block();
		// the set was emptied when good-4 came: good-1 is verified again, good-4 not
		assertThat(this.verified).containsExactly("good-1", "good-2", "good-3", "good-4", "good-1");
	}

	private static Jwt jwt(String token, Instant expiresAt) {
		return Jwt.withTokenValue(token)
			.header("alg", "RS256")
			.subject("account-1")
			.issuedAt(NOW)
			.expiresAt(expiresAt)
			.build();
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
