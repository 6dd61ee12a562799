package ler.reporting.web;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which of reporting's routes (issue 12): executives read figures, the
 * report and the dashboard, never identifiers; operators handle dead letters and the
 * projection. The dashboard's sign-in and sign-out endpoints are filters, not routes.
 */
@Configuration(proxyBeanMethods = false)
class ReportingRoutes {

	@Bean
	RouteRules routeRules() {
		return RouteRules.builder()
			.allow(HttpMethod.GET, "/api/statistics", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/api/statistics/stream", Role.EXECUTIVE)
			// JSON, CSV and zip: one pattern, chosen by Accept
			.allow(HttpMethod.GET, "/api/reports/transparency", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/api/me", Role.EXECUTIVE)
			// the dashboard's files, and the chart library it loads from the jar (the
			// other webjars stay the operators', for Swagger UI)
			.allow(HttpMethod.GET, "/", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/index.html", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/dashboard.js", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/dashboard.css", Role.EXECUTIVE)
			.allow(HttpMethod.GET, "/webjars/chart.js/**", Role.EXECUTIVE)
			.allow(HttpMethod.POST, "/api/projection/rebuild", Role.OPERATOR)
			.allow(HttpMethod.GET, "/api/dead-letters", Role.OPERATOR)
			.allow(HttpMethod.POST, "/api/dead-letters/redrive", Role.OPERATOR)
			.build();
	}

}
