package ler.platform.security;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * A service's table of who may call which route, one rule per route the service maps
 * (issue 12). Each service declares one as a bean; the security filter chain applies it
 * in order and refuses every request no rule matches (403 to a valid token). The 401/403
 * matrix test reads the same table and fails for a mapped route that has no rule.
 * <p>
 * The platform adds its own rules for {@code /actuator/**}, {@code /v3/api-docs/**} and
 * Swagger UI ({@link #OPERATIONS}).
 */
public final class RouteRules {

	/**
	 * Liveness and readiness stay open for the orchestrator; everything else is OPERATOR.
	 */
	public static final List<String> OPEN_PROBES = List.of("/actuator/health/liveness", "/actuator/health/readiness");

	/** Operational paths that need {@link Role#OPERATOR}. */
	public static final List<String> OPERATIONS = List.of("/actuator/**", "/v3/api-docs/**", "/v3/api-docs",
			"/swagger-ui/**", "/swagger-ui.html", "/webjars/**");

	private final List<RouteRule> rules;

	private RouteRules(List<RouteRule> rules) {
		this.rules = List.copyOf(rules);
	}

	/** Starts a table. */
	public static Builder builder() {
		return new Builder();
	}

	/** The rules, in the order they were declared. */
	public List<RouteRule> rules() {
		return this.rules;
	}

	/** The rule declared for exactly this method and pattern, if any. */
	public Optional<RouteRule> ruleFor(HttpMethod method, String pattern) {
		return this.rules.stream().filter((r) -> r.method().equals(method) && r.pattern().equals(pattern)).findFirst();
	}

	/** Builds a {@link RouteRules} table. */
	public static final class Builder {

		private final List<RouteRule> rules = new ArrayList<>();

		private Builder() {
		}

		/** A route the given roles may call. */
		public Builder allow(HttpMethod method, String pattern, Role first, Role... more) {
			EnumSet<Role> roles = EnumSet.of(first, more);
			return add(new RouteRule(method, pattern, roles, false));
		}

		/**
		 * A route anyone may call without a token (a sign-in callback, a public page).
		 */
		public Builder open(HttpMethod method, String pattern) {
			return add(new RouteRule(method, pattern, EnumSet.noneOf(Role.class), true));
		}

		private Builder add(RouteRule rule) {
			PathPatternParser.defaultInstance.parse(rule.pattern());
			if (this.rules.stream().anyMatch((r) -> r.route().equals(rule.route()))) {
				throw new IllegalArgumentException("Two rules for " + rule.route());
			}
			this.rules.add(rule);
			return this;
		}

		public RouteRules build() {
			return new RouteRules(this.rules);
		}

	}

	@Override
	public String toString() {
		return Arrays.toString(this.rules.stream().map(RouteRule::route).toArray());
	}

}
