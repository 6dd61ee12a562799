package ler.identity.signin;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.FactorAuthorizationDecision;
import org.springframework.security.authorization.RequiredFactor;
import org.springframework.security.authorization.RequiredFactorError;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Signed in with every factor the account needs: the password, and a TOTP code when the
 * account has a second factor. Spring Security 7's multi-factor support does the rest: a
 * decision naming the missing {@link #TOTP_AUTHORITY} sends the person to the TOTP form,
 * and the authorization endpoint is behind this rule (it runs after the
 * {@code AuthorizationFilter} since 7.0), so no code is issued on a password alone.
 *
 * <p>
 * {@code @EnableMultiFactorAuthentication} is not used: it requires the same factors of
 * every account, while here the factors depend on the account (7.0 has no per-user
 * condition).
 */
public final class AllFactors implements AuthorizationManager<RequestAuthorizationContext> {

	/** The authority a passed TOTP step adds, beside {@code FACTOR_PASSWORD}. */
	public static final String TOTP_AUTHORITY = "FACTOR_TOTP";

	private static final RequiredFactor TOTP = RequiredFactor.withAuthority(TOTP_AUTHORITY).build();

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication current = authentication.get();
		if (!this.trust.isFullyAuthenticated(current)) {
			return new AuthorizationDecision(false);
		}
		if (missingTotp(current)) {
			return new FactorAuthorizationDecision(List.of(RequiredFactorError.createMissing(TOTP)));
		}
		return new AuthorizationDecision(true);
	}

	/** Whether {@code authentication} is a person who still owes a TOTP code. */
	static boolean missingTotp(Authentication authentication) {
		return authentication.getPrincipal() instanceof AccountPrincipal person && person.totpRequired()
				&& authentication.getAuthorities()
					.stream()
					.noneMatch((authority) -> TOTP_AUTHORITY.equals(authority.getAuthority()));
	}

}
