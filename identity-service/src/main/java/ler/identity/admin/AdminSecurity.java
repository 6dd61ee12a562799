package ler.identity.admin;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The provider's own API and actuator are a resource server of the provider's tokens: the
 * {@code roles} claim becomes {@code ROLE_*}. The admin API needs {@code ADMIN}; the
 * actuator (metrics, health details) {@code OPERATOR}, except the liveness and readiness
 * probes. 401 and 403 are problem+json.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurity {

	@Bean
	@Order(2)
	SecurityFilterChain apiChain(HttpSecurity http, JsonMapper json) throws Exception {
		ProblemResponses problems = new ProblemResponses(json);
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		JwtAuthenticationConverter tokens = new JwtAuthenticationConverter();
		tokens.setJwtGrantedAuthoritiesConverter(roles);
		http.securityMatcher("/api/**", "/actuator/**")
			.authorizeHttpRequests(
					(requests) -> requests.requestMatchers("/actuator/health/liveness", "/actuator/health/readiness")
						.permitAll()
						.requestMatchers("/actuator/**")
						.hasRole("OPERATOR")
						.requestMatchers("/api/admin/**")
						.hasRole("ADMIN")
						.anyRequest()
						.denyAll())
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.jwt((jwt) -> jwt.jwtAuthenticationConverter(tokens))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// bearer tokens only, no cookies: nothing for a cross-site request to ride on
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

}
