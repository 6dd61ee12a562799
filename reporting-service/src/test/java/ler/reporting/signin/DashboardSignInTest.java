package ler.reporting.signin;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ler.platform.security.SecurityProperties;
import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
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
	void theBrowserGoesToTheIssuerReportingCallsTheProviderWhereItsKeysAre() {
		SecurityProperties inCluster = new SecurityProperties(URI.create("https://auth.example/"),
				URI.create("http://identity-service:9000/oauth2/jwks"));
		ClientRegistration registration = new DashboardSignIn()
			.clientRegistrations(inCluster,
					new DashboardProperties("{baseUrl}/login/oauth2/code/{registrationId}", "{baseUrl}/"))
			.findByRegistrationId(DashboardSignIn.CLIENT_ID)
			.block();
		assertThat(registration.getProviderDetails().getAuthorizationUri())
			.isEqualTo("https://auth.example/oauth2/authorize");
		assertThat(registration.getProviderDetails().getConfigurationMetadata()).containsEntry("end_session_endpoint",
				"https://auth.example/connect/logout");
		assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo("https://auth.example/");
		assertThat(registration.getProviderDetails().getTokenUri())
			.isEqualTo("http://identity-service:9000/oauth2/token");
		assertThat(registration.getProviderDetails().getUserInfoEndpoint().getUri())
			.isEqualTo("http://identity-service:9000/userinfo");
		assertThat(registration.getClientAuthenticationMethod().getValue()).isEqualTo("none");

		SecurityProperties local = new SecurityProperties(URI.create("http://localhost:9000"), null);
		assertThat(new DashboardSignIn().clientRegistrations(local, new DashboardProperties("r", "p"))
			.findByRegistrationId(DashboardSignIn.CLIENT_ID)
			.block()
			.getProviderDetails()
			.getTokenUri()).isEqualTo("http://localhost:9000/oauth2/token");
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
