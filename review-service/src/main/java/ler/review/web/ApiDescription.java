package ler.review.web;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.Decision;
import ler.review.cases.model.ReviewCase;
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
						+ "amendments, preservation extensions, second approvals (four eyes); /history is the audit "
						+ "trail. Every move is attributed to the access token's subject, never to a name in the body. "
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
			for (String path : java.util.List.of("/api/reviews/{id}/decisions", "/api/reviews/{id}/amendments")) {
				openApi.getPaths()
					.get(path)
					.getPost()
					.getResponses()
					.addApiResponse("202", new io.swagger.v3.oas.models.responses.ApiResponse().description(
							"a proposal that needs four eyes: the case is AWAITING_APPROVAL until a second, different SENIOR_COUNSEL answers POST /api/reviews/{id}/approvals"));
			}
			openApi.getPaths()
				.get("/api/reviews/{id}/approvals")
				.getPost()
				.getResponses()
				.addApiResponse("200",
						new io.swagger.v3.oas.models.responses.ApiResponse()
							.description("rejected: the proposal is dropped, the case back where it was"))
				.addApiResponse("403", new io.swagger.v3.oas.models.responses.ApiResponse()
					.description(
							"the token's roles do not allow it, or (urn:ler:problem:four-eyes) the caller proposed it")
					.content(new io.swagger.v3.oas.models.media.Content().addMediaType("application/problem+json",
							new io.swagger.v3.oas.models.media.MediaType()
								.schema(new io.swagger.v3.oas.models.media.Schema<>()
									.$ref("#/components/schemas/ProblemDetail")))));
			enumerate(components, "EvidenceBody", "method", names(ReviewCase.ConsentMethod.values()));
		};
	}

}
