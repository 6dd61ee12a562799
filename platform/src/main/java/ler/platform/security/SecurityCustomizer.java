package ler.platform.security;

import org.springframework.security.config.web.server.ServerHttpSecurity;

/**
 * A service's additions to the platform's filter chain, applied after the platform's own
 * settings and before the route rules; e.g. the reporting service adds the dashboard's
 * sign-in. Every route still needs its {@link RouteRules} entry.
 */
@FunctionalInterface
public interface SecurityCustomizer {

	/** Adds to the chain under construction. */
	void customize(ServerHttpSecurity http);

}
