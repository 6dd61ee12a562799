package ler.intake.request;

import ler.platform.security.Role;
import ler.platform.security.RouteRules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Who may call which of intake's routes (issue 12); a route without a rule here is
 * refused. Which request a caller may see or change is decided per request
 * ({@link Access}).
 */
@Configuration(proxyBeanMethods = false)
class RequestRoutes {

	static final String REQUESTS = "/api/requests";

	static final String REQUEST = "/api/requests/{id}";

	static final String DOCUMENT = "/api/requests/{id}/document";

	static final String WITHDRAWAL = "/api/requests/{id}/withdrawal";

	/**
	 * Officers submit (JSON or multipart: one route) and withdraw; officers and counsel
	 * read requests and add and read document versions.
	 */
	@Bean
	RouteRules intakeRouteRules() {
		return RouteRules.builder()
			.allow(HttpMethod.POST, REQUESTS, Role.LIAISON)
			.allow(HttpMethod.GET, REQUEST, Role.LIAISON, Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, DOCUMENT, Role.LIAISON, Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.GET, DOCUMENT, Role.LIAISON, Role.COUNSEL, Role.SENIOR_COUNSEL)
			.allow(HttpMethod.POST, WITHDRAWAL, Role.LIAISON)
			.build();
	}

}
