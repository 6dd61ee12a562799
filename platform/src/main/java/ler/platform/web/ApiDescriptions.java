package ler.platform.web;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;

/**
 * What every service's OpenAPI description does the same way: the {@code ProblemDetail}
 * schema of {@link ProblemAdvice}'s answers and the problem+json answers every operation
 * lists, and enumerations filled from the code's own values, so a description cannot
 * drift from what a service accepts. Called from a service's {@code OpenApiCustomizer}.
 */
public final class ApiDescriptions {

	private ApiDescriptions() {
	}

	/**
	 * Adds the {@code ProblemDetail} schema ({@code type}, {@code title}, {@code status},
	 * {@code detail}, {@code instance}, {@code currentState} on a 409, {@code errors[]}
	 * of field, rule and message) and lists the given answers on every operation.
	 * @param errors status code (e.g. {@code "404"}) to what it means for this service
	 */
	public static void problems(OpenAPI openApi, Map<String, String> errors) {
		Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
		openApi.getComponents()
			.addSchemas("ProblemDetail",
					new Schema<>().type("object")
						.description("RFC 9457 problem details")
						.addProperty("type", new Schema<>().type("string"))
						.addProperty("title", new Schema<>().type("string"))
						.addProperty("status", new Schema<>().type("integer"))
						.addProperty("detail", new Schema<>().type("string"))
						.addProperty("instance", new Schema<>().type("string"))
						.addProperty("currentState",
								new Schema<>().type("string").description("on a 409: the state that refused the move"))
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

	/** The names of an enum's constants, in declaration order. */
	public static List<String> names(Enum<?>[] values) {
		return Arrays.stream(values).map(Enum::name).toList();
	}

	/** Sets the allowed values of a property of a described schema. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void enumerate(Components components, String schema, String property, List<String> values) {
		Schema target = (Schema) components.getSchemas().get(schema).getProperties().get(property);
		target.setEnum(values);
	}

	/**
	 * Sets the allowed values of the items of an array property of a described schema.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public static void enumerateItems(Components components, String schema, String property, List<String> values) {
		Schema target = (Schema) components.getSchemas().get(schema).getProperties().get(property);
		target.getItems().setEnum(values);
	}

}
