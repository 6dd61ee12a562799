package ler.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import org.springdoc.core.utils.SpringDocUtils;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/**
 * Makes a WebFlux service a resource server of the identity provider (ADR 10).
 * <ul>
 * <li>Tokens: RS256 JWTs signed by a key of {@link SecurityProperties#keys()},
 * {@code iss} equal to the issuer, an {@code exp} that has not passed (a token without
 * one is refused) and {@code token_use: access} (an ID token is refused; RFC 9068 §4 asks
 * a resource server to tell the two apart).</li>
 * <li>Roles: the {@code roles} claim, as {@code ROLE_<name>} authorities.</li>
 * <li>Rules, in order: liveness and readiness open; the service's {@link RouteRules};
 * {@code /actuator/**}, API descriptions and Swagger UI for {@link Role#OPERATOR}; every
 * other request refused (403 with a token, 401 without).</li>
 * <li>Refusals: 401/403 problem+json ({@link ProblemResponses}).</li>
 * <li>Stateless: no session, no saved request, no CSRF token (a bearer token is not sent
 * by a browser on its own); a service that adds a browser sign-in changes that in its
 * {@link SecurityCustomizer}.</li>
 * </ul>
 */
@AutoConfiguration(beforeName = {
		// ours first, so Boot's decoder (which knows nothing of token_use) and its
		// default
		// chains and user never come up, even where spring.security.oauth2.* is set
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		// a service with a browser sign-in (reporting) has the OAuth2 client on its
		// class path: its default chain must not replace ours either
		"org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
@EnableWebFluxSecurity
public class ResourceServerAutoConfiguration {

	static {
		// the caller comes from the token: never a parameter of the API description
		SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
	}

	/**
	 * The claim that says what a token is for; the provider's access tokens say
	 * {@value #ACCESS}.
	 */
	public static final String TOKEN_USE = "token_use";

	/** {@link #TOKEN_USE} of an access token. */
	public static final String ACCESS = "access";

	@Bean
	@ConditionalOnMissingBean
	ReactiveJwtDecoder jwtDecoder(SecurityProperties properties) {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.keys().toString()).build();
		OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
				JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()),
				new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
				// the actor every event records: a token naming nobody acts for nobody
				new JwtClaimValidator<Object>(JwtClaimNames.SUB,
						(sub) -> sub instanceof String text && !text.isBlank()),
				new JwtClaimValidator<Object>(TOKEN_USE, ACCESS::equals));
		decoder.setJwtValidator(validator);
		// a token that could not be checked (the key set unreachable) is not a bad token:
		// an AuthenticationServiceException, which providerUnavailable() answers with 503
		ReactiveJwtDecoder verifier = (token) -> decoder.decode(token)
			.onErrorMap((ex) -> !(ex instanceof JwtException),
					(ex) -> new AuthenticationServiceException("The provider's keys are unavailable", ex));
		return new VerifiedTokens(verifier, validator, Clock.systemUTC(), VERIFIED_TOKEN_MAX_AGE,
				VERIFIED_TOKEN_CAPACITY);
	}

	/**
	 * How long a verified token's signature is trusted without checking it again
	 * ({@link VerifiedTokens}): a key the provider withdraws stops being trusted within
	 * this time.
	 */
	static final Duration VERIFIED_TOKEN_MAX_AGE = Duration.ofMinutes(5);

	/** How many verified tokens are remembered at most (about 1 KB each). */
	static final int VERIFIED_TOKEN_CAPACITY = 4096;

	@Bean
	@ConditionalOnMissingBean
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
			ObjectProvider<RouteRules> routeRules, ObjectProvider<SecurityCustomizer> customizers) {
		JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
		authorities.setAuthoritiesClaimName(Caller.ROLES);
		authorities.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(authorities);
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(ProblemResponses.unauthenticated())
				.accessDeniedHandler(ProblemResponses.forbidden()))
			.oauth2ResourceServer((server) -> server
				.jwt((jwt) -> jwt.jwtDecoder(decoder)
					.jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(converter)))
				.authenticationEntryPoint(ProblemResponses.unauthenticated())
				.accessDeniedHandler(ProblemResponses.forbidden()));
		customizers.orderedStream().forEach((customizer) -> customizer.customize(http));
		List<RouteRule> rules = routeRules.getIfAvailable(() -> RouteRules.builder().build()).rules();
		http.authorizeExchange((exchanges) -> {
			for (String probe : RouteRules.OPEN_PROBES) {
				exchanges.pathMatchers(HttpMethod.GET, probe).permitAll();
			}
			for (RouteRule rule : rules) {
				ServerHttpSecurity.AuthorizeExchangeSpec.Access access = exchanges.pathMatchers(rule.method(),
						rule.pattern());
				if (rule.open()) {
					access.permitAll();
				}
				else {
					access.hasAnyRole(rule.roles().stream().map(Role::name).sorted().toArray(String[]::new));
				}
			}
			for (String path : RouteRules.OPERATIONS) {
				exchanges.pathMatchers(path).hasRole(Role.OPERATOR.name());
			}
			exchanges.anyExchange().denyAll();
		});
		return http.build();
	}

	/**
	 * The firewall's refusals (picked up by {@code @EnableWebFluxSecurity}) as
	 * problem+json, like every other refusal, instead of a bare 400.
	 */
	@Bean
	@ConditionalOnMissingBean
	ServerExchangeRejectedHandler exchangeRejectedHandler() {
		return ProblemResponses.rejected();
	}

	/**
	 * Wraps the security filter chain (which runs at order -100): a token that could not
	 * be checked because the provider's keys were unreachable is a 503 problem, not a
	 * 500.
	 */
	@Bean
	@Order(-150)
	WebFilter providerUnavailable() {
		return (exchange, chain) -> chain.filter(exchange)
			.onErrorResume(AuthenticationServiceException.class, (ex) -> exchange.getResponse().isCommitted()
					? Mono.error(ex) : ProblemResponses.providerUnavailable(exchange));
	}

	@Bean
	SecuritySchemes securitySchemes(SecurityProperties properties, ObjectProvider<RouteRules> routeRules) {
		return new SecuritySchemes(properties, routeRules.getIfAvailable(() -> RouteRules.builder().build()));
	}

	@Bean
	WebFluxConfigurer callerArgument() {
		return new WebFluxConfigurer() {
			@Override
			public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
				configurer.addCustomResolver(new CallerArgumentResolver());
			}
		};
	}

}
