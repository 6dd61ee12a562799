package ler.identity.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import ler.identity.account.Account;
import ler.identity.account.Accounts;
import ler.identity.account.Role;
import ler.identity.agency.Agencies;
import ler.identity.signin.AccountPrincipal;
import ler.identity.signin.AllFactors;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What a token says beyond the standard claims (ADR 9).
 * <ul>
 * <li>A person's access token: {@code sub} = the opaque account id, {@code roles},
 * {@code amr} ({@code ["pwd"]} or {@code ["pwd","otp"]}, RFC 8176), and for officers
 * {@code agency_id}, {@code agency_country}, {@code agency_name} and
 * {@code agency_email_domains} (the register's) and {@code may_file_emergency}. Roles and
 * permissions are read from the account when the token is issued, so an admin's change
 * applies to the next token; an account no longer allowed to sign in gets none
 * ({@code invalid_grant}).</li>
 * <li>The ID token: the same, plus {@code preferred_username} (only there: what a person
 * types never travels in access tokens).</li>
 * <li>A client-credentials token: {@code sub} = the client id, {@code roles} and the
 * agency from the client's settings.</li>
 * </ul>
 */
final class TokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String ROLES = "roles";

	static final String AGENCY_ID = "agency_id";

	static final String MAY_FILE_EMERGENCY = "may_file_emergency";

	static final String AMR = "amr";

	static final String AGENCY_COUNTRY = "agency_country";

	static final String AGENCY_NAME = "agency_name";

	static final String AGENCY_EMAIL_DOMAINS = "agency_email_domains";

	private final Accounts accounts;

	private final Agencies agencies;

	private final Set<Role> totpRequiredRoles;

	TokenClaims(Accounts accounts, Agencies agencies, Set<Role> totpRequiredRoles) {
		this.accounts = accounts;
		this.agencies = agencies;
		this.totpRequiredRoles = totpRequiredRoles;
	}

	/** The claim that says what a token is for; access tokens carry {@value #ACCESS}. */
	public static final String TOKEN_USE = "token_use";

	/** {@link #TOKEN_USE} of an access token. */
	public static final String ACCESS = "access";

	@Override
	public void customize(JwtEncodingContext context) {
		JwtClaimsSet.Builder claims = context.getClaims();
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
		if (accessToken) {
			// what a resource server checks, so an ID token (which carries roles too) is
			// never taken for an access token
			claims.claim(TOKEN_USE, ACCESS);
		}
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			if (accessToken) {
				ClientSettings settings = context.getRegisteredClient().getClientSettings();
				claims.subject(context.getRegisteredClient().getClientId());
				List<String> roles = settings.getSetting(Clients.ROLES);
				claims.claim(ROLES, (roles != null) ? roles : List.of());
				String agencyId = settings.getSetting(Clients.AGENCY_ID);
				if (agencyId != null) {
					claims.claim(AGENCY_ID, agencyId);
					claims.claim(MAY_FILE_EMERGENCY,
							Boolean.TRUE.equals(settings.getSetting(Clients.MAY_FILE_EMERGENCY)));
				}
			}
			return;
		}
		Authentication principal = context.getPrincipal();
		if (!(accessToken || idToken) || !(principal.getPrincipal() instanceof AccountPrincipal person)) {
			return;
		}
		Account account = this.accounts.byId(person.id())
			.filter((a) -> this.accounts.signInRefusal(a, this.totpRequiredRoles).isEmpty())
			.orElseThrow(() -> new OAuth2AuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The account may no longer sign in", null)));
		claims.subject(account.id());
		claims.claim(ROLES, account.roles().stream().map(Role::name).sorted().toList());
		if (account.officer()) {
			claims.claim(AGENCY_ID, account.agencyId());
			claims.claim(MAY_FILE_EMERGENCY, account.mayFileEmergency());
			// the register's country, name and email domains, so intake takes requests
			// for the officer's own agency only
			this.agencies.byId(account.agencyId()).ifPresent((agency) -> {
				claims.claim(AGENCY_COUNTRY, agency.country());
				claims.claim(AGENCY_NAME, agency.name());
				claims.claim(AGENCY_EMAIL_DOMAINS, agency.emailDomains());
			});
		}
		claims.claim(AMR, amr(principal));
		if (idToken) {
			claims.claim("preferred_username", account.username());
		}
	}

	/** RFC 8176 method references for the factors the person passed. */
	static List<String> amr(Authentication authentication) {
		List<String> methods = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (FactorGrantedAuthority.PASSWORD_AUTHORITY.equals(authority.getAuthority())) {
				methods.add("pwd");
			}
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if (AllFactors.TOTP_AUTHORITY.equals(authority.getAuthority())) {
				methods.add("otp");
			}
		}
		return methods;
	}

}
