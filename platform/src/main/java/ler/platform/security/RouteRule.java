package ler.platform.security;

import java.util.Set;

import org.springframework.http.HttpMethod;

/**
 * Who may call one route.
 *
 * @param method the HTTP method
 * @param pattern a Spring path pattern as the controller maps it, e.g.
 * {@code /api/requests/{id}}
 * @param roles the roles allowed; empty only for a route that is {@link #open()}
 * @param open true for a route anyone may call without a token (sign-in callbacks,
 * liveness)
 */
public record RouteRule(HttpMethod method, String pattern, Set<Role> roles, boolean open) {

	public RouteRule {
		roles = Set.copyOf(roles);
		if (roles.isEmpty() && !open) {
			throw new IllegalArgumentException("A route needs roles or to be open: " + method + " " + pattern);
		}
	}

	/** What the matrix prints: {@code GET /api/requests/{id}}. */
	public String route() {
		return this.method.name() + " " + this.pattern;
	}

}
