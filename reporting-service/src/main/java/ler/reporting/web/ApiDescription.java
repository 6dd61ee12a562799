package ler.reporting.web;

import java.util.Map;

import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static ler.platform.web.ApiDescriptions.problems;

/** The OpenAPI description ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final Map<String, String> ERRORS = Map.of("400", "a query parameter broke a rule: errors[] names it");

	@Bean
	OpenApiCustomizer reportingDescription() {
		return (openApi) -> {
			openApi.info(new Info().title("reporting-service")
				.version("1")
				.description("Live transparency statistics, exactly derived from the events; never identifiers. "
						+ "Errors are RFC 9457 application/problem+json."));
			problems(openApi, ERRORS);
		};
	}

}
