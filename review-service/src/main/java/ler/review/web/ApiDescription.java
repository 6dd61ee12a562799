package ler.review.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.Decision;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}).
 * Enumerations are filled from the code's own enums and every operation lists its
 * problem+json answers, so the description cannot drift from what the service accepts.
 */
@Configuration(proxyBeanMethods = false)
class ApiDescription {

	static final Map<String, String> ERRORS = Map.of("400", "a field broke a rule: errors[] names each field and rule",
			"404", "no such case", "409", "not allowed in the case's current state (currentState)", "422",
			"the move breaks a legal or policy rule: errors[0].rule names it");

	@Bean
	OpenApiCustomizer reviewDescription() {
		return (openApi) -> {
			openApi.info(new Info().title("review-service")
				.version("1")
				.description("Counsel's queue and every move on a case: verification, decisions, customer consent, "
						+ "amendments, preservation extensions; /history is the audit trail. "
						+ "Errors are RFC 9457 application/problem+json."));
			Components components = openApi.getComponents();
			enumerate(components, "DecisionBody", "decision", names(Decision.values()));
			openApi.getPaths()
				.get("/api/reviews")
				.getGet()
				.getParameters()
				.stream()
				.filter((p) -> p.getName().equals("status"))
				.forEach((p) -> p.getSchema()
					.setEnum(java.util.stream.Stream
						.concat(java.util.stream.Stream.of("PENDING"), names(CaseStatus.values()).stream())
						.toList()));
			problems(openApi, ERRORS);
		};
	}

	static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	static void enumerate(Components components, String schema, String property, List<String> values) {
		Schema target = (Schema) components.getSchemas().get(schema).getProperties().get(property);
		target.setEnum(values);
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
						.addProperty("currentState", new Schema<>().type("string"))
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
