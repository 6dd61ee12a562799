package ler.review.web;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which route of review (issue 12): the legal team, counsel and senior
 * counsel, everything under {@code /api/reviews}; only senior counsel the second approval
 * of a four-eyes proposal. Any route without a rule here is refused.
 */
@Configuration(proxyBeanMethods = false)
class ReviewRoutes {

	@Bean
	RouteRules reviewRouteRules() {
		return RouteRules.builder()
			.allow(HttpMethod.GET, "/api/reviews", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.GET, "/api/reviews/{id}", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.GET, "/api/reviews/{id}/history", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/verification", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/decisions", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/consent", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/amendments", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/preservation/extension", Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, "/api/reviews/{id}/approvals", Role.SENIOR_COUNSEL)
			.build();
	}

}
