package ler.intake.web;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import ler.intake.request.CustomerType;
import ler.intake.request.DataCategory;
import ler.intake.request.IdentifierType;
import ler.intake.request.IntakeProperties;
import ler.intake.request.LegalProcess;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static ler.platform.web.ApiDescriptions.enumerate;
import static ler.platform.web.ApiDescriptions.enumerateItems;
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
			"403",
			"the token's roles do not allow the route; or an officer's token names no agency (agency-required); or an emergency request from an officer without the emergency permission (may-file-emergency)",
			"404", "no such request, or a request of another agency (the same answer), or no such document version",
			"409",
			"not allowed in the request's current state (currentState), or the Idempotency-Key is in flight in another submission (Retry-After)",
			"413",
			"body, multipart part or document over its limit, which the answer names; 414 and 431 for the URI and headers",
			"415", "unsupported media type (of the body or of a multipart part, which the answer names)", "422",
			"Idempotency-Key reused with a different body or document", "503",
			"the event log did not acknowledge the request: nothing was accepted; retry with the same Idempotency-Key");

	@Bean
	OpenApiCustomizer intakeDescription(IntakeProperties properties) {
		return (openApi) -> {
			openApi.info(new Info().title("intake-service")
				.version("1")
				.description("Law-enforcement officers submit their agency's requests, add versions of the "
						+ "legal-process document, follow the status and withdraw; counsel reads every request and "
						+ "its documents. The acting person and agency come from the access token, never the body. "
						+ "Errors are RFC 9457 application/problem+json."));
			Components components = openApi.getComponents();
			enumerate(components, "NewRequest", "customerType", names(CustomerType.values()));
			enumerate(components, "NewRequest", "legalProcess", names(LegalProcess.values()));
			enumerate(components, "NewRequest", "service", properties.services());
			enumerateItems(components, "NewRequest", "dataCategories", names(DataCategory.values()));
			enumerate(components, "Identifier", "type", names(IdentifierType.values()));
			problems(openApi, ERRORS);
		};
	}

}
