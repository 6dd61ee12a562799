package ler.reporting.signin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import static org.assertj.core.api.Assertions.assertThat;

/** A signed-in person's roles and name come from the provider's ID token. */
class DashboardSignInTest {

	static OidcIdToken idToken(Map<String, Object> claims) {
		return new OidcIdToken("id-token", Instant.now(), Instant.now().plusSeconds(60), claims);
	}

	@Test
	void theIdTokensRolesBecomeTheSameAuthoritiesAsABearerTokens() {
		OidcIdToken token = idToken(Map.of("sub", "b06f", "roles", List.of("EXECUTIVE", "OPERATOR")));
		assertThat(DashboardSignIn.authorities(token)).extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_EXECUTIVE", "ROLE_OPERATOR");
		assertThat(DashboardSignIn.authorities(idToken(Map.of("sub", "b06f")))).isEmpty();
	}

	@Test
	void thePersonIsNamedByTheirUsernameNeverOnlyTheOpaqueId() {
		OidcIdToken token = idToken(
				Map.of("sub", "b06f", "roles", List.of("EXECUTIVE"), "preferred_username", "executive"));
		DefaultOidcUser user = new DefaultOidcUser(DashboardSignIn.authorities(token), token);
		assertThat(DashboardSignIn
			.nameOf(new OAuth2AuthenticationToken(user, user.getAuthorities(), DashboardSignIn.CLIENT_ID)))
			.isEqualTo("executive");
		OidcIdToken anonymous = idToken(Map.of("sub", "b06f"));
		DefaultOidcUser nameless = new DefaultOidcUser(List.of(), anonymous);
		assertThat(
				DashboardSignIn.nameOf(new OAuth2AuthenticationToken(nameless, List.of(), DashboardSignIn.CLIENT_ID)))
			.isEqualTo("b06f");
	}

}
