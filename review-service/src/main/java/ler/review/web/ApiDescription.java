package ler.review.web;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.Decision;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static ler.platform.web.ApiDescriptions.enumerate;
import static ler.platform.web.ApiDescriptions.names;
import static ler.platform.web.ApiDescriptions.problems;

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

}
