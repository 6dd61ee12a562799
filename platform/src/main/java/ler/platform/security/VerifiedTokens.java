package ler.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Remembers the access tokens whose signature was verified, so a client that sends the
 * same token with every request (as clients do for its lifetime) has its RS256 signature
 * checked once, not on every request: that check was the largest single cost of a request
 * measured in intake (issue 13's profile).
 * <p>
 * A remembered token is the exact compact JWS (header, claims and signature, byte for
 * byte), so it can only stand for the very token that was verified. Each use still runs
 * the full claim validation ({@code exp}, {@code nbf}, issuer, {@code sub},
 * {@code token_use}), so a token stops being accepted the moment it expires, exactly as
 * without this cache; one that fails it is decoded afresh, so its refusal is the
 * decoder's own. A token is remembered for at most {@code maxAge}: a key the provider
 * withdraws stops being trusted within that time. Only verified tokens are remembered, at
 * most {@code capacity} of them (the set is emptied when full), so a flood of forged
 * tokens neither grows it nor evicts anything useful for long.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

	private final ReactiveJwtDecoder verifier;

	private final OAuth2TokenValidator<Jwt> validator;

	private final Clock clock;

	private final Duration maxAge;

	private final int capacity;

	private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

	/**
	 * @param verifier checks the signature and validates (the decoder without memory)
	 * @param validator the claim validation {@code verifier} applies, run again on every
	 * use of a remembered token
	 * @param maxAge how long a verified token is remembered at most
	 * @param capacity how many tokens are remembered at most
	 */
	VerifiedTokens(ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> validator, Clock clock, Duration maxAge,
			int capacity) {
		this.verifier = verifier;
		this.validator = validator;
		this.clock = clock;
		this.maxAge = maxAge;
		this.capacity = capacity;
	}

	@Override
	public Mono<Jwt> decode(String token) throws JwtException {
		Verified known = this.verified.get(token);
		if (known != null) {
			if (this.clock.instant().isBefore(known.until()) && !this.validator.validate(known.jwt()).hasErrors()) {
				return Mono.just(known.jwt());
			}
			this.verified.remove(token, known);
		}
		return this.verifier.decode(token).doOnNext((jwt) -> remember(token, jwt));
	}

	private void remember(String token, Jwt jwt) {
		if (this.verified.size() >= this.capacity) {
			this.verified.clear();
		}
		this.verified.put(token, new Verified(jwt, this.clock.instant().plus(this.maxAge)));
	}

	private record Verified(Jwt jwt, Instant until) {
	}

}
