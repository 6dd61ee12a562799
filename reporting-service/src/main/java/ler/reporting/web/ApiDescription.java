package ler.reporting.web;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

	static void problems(OpenAPI openApi, Map<String, String> errors) {
		Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
		openApi.getComponents()
			.addSchemas("ProblemDetail",
					new Schema<>().type("object")
						.description("RFC 9457 problem details")
						.addProperty("type", new Schema<>().type("string"))
						.addProperty("title", new Schema<>().type("string"))
						.addProperty("status", new Schema<>().type("integer"))
						.addProperty("detail", new Schema<>().type("string"))
						.addProperty("errors",
								new Schema<>().type("array")
									.items(new Schema<>().type("object")
										.addProperty("field", new Schema<>().type("string"))
										.addProperty("rule", new Schema<>().type("string"))
										.addProperty("message", new Schema<>().type("string")))));
		openApi.getPaths()
			.values()
			.forEach((path) -> path.readOperations()
				.forEach((operation) -> errors.forEach((code, text) -> operation.getResponses()
					.addApiResponse(code,
							new ApiResponse().description(text)
								.content(new Content().addMediaType("application/problem+json",
										new MediaType().schema(problem)))))));
	}

}
