package ler.identity.token;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import ler.identity.IdentityProperties;
import ler.identity.account.Accounts;
import ler.identity.agency.Agencies;
import ler.identity.signin.AllFactors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The OAuth 2.1 / OpenID Connect protocol endpoints (discovery, JWKS, authorize, token,
 * userinfo, logout) with the issuer from {@code LER_ISSUER_URI}, the signing key, the
 * clients and the token claims.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerSecurity {

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerChain(HttpSecurity http, AllFactors allFactors) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		http.securityMatcher(authorizationServer.getEndpointsMatcher())
			.with(authorizationServer, (server) -> server.oidc(Customizer.withDefaults()))
			.authorizeHttpRequests((requests) -> requests.anyRequest().access(allFactors))
			.exceptionHandling((exceptions) -> exceptions
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"))
				.defaultDeniedHandlerForMissingAuthority(new LoginUrlAuthenticationEntryPoint("/login/totp"),
						AllFactors.TOTP_AUTHORITY))
			// the userinfo endpoint takes the access token
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()));
		return http.build();
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
		return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
	}

	@Bean
	RSAKey signingKey(IdentityProperties properties) {
		return SigningKeyFile.loadOrCreate(properties.signingKey().resolve(properties.dataDir()),
				properties.signingKey().generateIfMissing());
	}

	@Bean
	JWKSource<SecurityContext> jwkSource(RSAKey signingKey) {
		return new ImmutableJWKSet<>(new JWKSet(signingKey));
	}

	/**
	 * Checks this provider's own access tokens: its key, its issuer, an expiry that has
	 * not passed (a token without one is refused), and {@code token_use: access}, so an
	 * ID token is never accepted in an access token's place.
	 */
	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, IdentityProperties properties) {
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource).build();
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(properties.issuer()),
						new JwtClaimValidator<Object>(JwtClaimNames.EXP, java.util.Objects::nonNull),
						new JwtClaimValidator<String>(TokenClaims.TOKEN_USE, TokenClaims.ACCESS::equals)));
		return decoder;
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(IdentityProperties properties, PasswordEncoder encoder) {
		return Clients.repository(properties, encoder);
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(Accounts accounts, Agencies agencies,
			IdentityProperties properties) {
		return new TokenClaims(accounts, agencies, properties.totpRequiredRoles());
	}

}
