package ler.platform.security;

import reactor.core.publisher.Mono;

import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives a controller method's {@link Caller} parameter the current caller, from the
 * access token (or, for a signed-in browser session, the ID token's same claims). A route
 * reached without either is refused (403), never answered with a made-up caller.
 */
final class CallerArgumentResolver implements HandlerMethodArgumentResolver {

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return Caller.class.equals(parameter.getParameterType());
	}

	@Override
	public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext,
			ServerWebExchange exchange) {
		return ReactiveSecurityContextHolder.getContext()
			.map(SecurityContext::getAuthentication)
			.map(CallerArgumentResolver::caller)
			.switchIfEmpty(Mono.error(() -> new AccessDeniedException("No caller")))
			.cast(Object.class);
	}

	static Caller caller(Authentication authentication) {
		Object principal = authentication.getPrincipal();
		if (principal instanceof Jwt jwt) {
			return Caller.of(jwt);
		}
		if (principal instanceof OidcUser user) {
			return Caller.of(user.getIdToken().getClaims());
		}
		throw new AccessDeniedException("Not a token of this system's provider");
	}

}
