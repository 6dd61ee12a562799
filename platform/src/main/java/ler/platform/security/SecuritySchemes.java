package ler.platform.security;

import java.util.Map;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;

import org.springframework.http.HttpMethod;

/**
 * Describes the security of every operation in the service's OpenAPI description: the
 * {@code bearer} scheme (a JWT access token of the provider) and the provider's
 * {@code oauth2} flows (authorization code with PKCE for people, client credentials for
 * programs), a {@code security} requirement on each operation, the roles its
 * {@link RouteRules} entry allows ({@code x-roles}), and its 401 and 403 problem answers.
 */
final class SecuritySchemes implements GlobalOpenApiCustomizer {

	static final String BEARER = "bearer";

	static final String OAUTH2 = "oauth2";

	private final SecurityProperties properties;

	private final RouteRules rules;

	SecuritySchemes(SecurityProperties properties, RouteRules rules) {
		this.properties = properties;
		this.rules = rules;
	}

	@Override
	public void customise(OpenAPI openApi) {
		String issuer = this.properties.issuerUri().toString().replaceAll("/$", "");
		openApi.getComponents()
			.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.bearerFormat("JWT")
						.description("An access token of the system's identity provider (" + issuer + ")"))
			.addSecuritySchemes(OAUTH2, new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
				.description("People: authorization code with PKCE (client ler-cli); programs: client credentials")
				.flows(new OAuthFlows()
					.authorizationCode(new OAuthFlow().authorizationUrl(issuer + "/oauth2/authorize")
						.tokenUrl(issuer + "/oauth2/token"))
					.clientCredentials(new OAuthFlow().tokenUrl(issuer + "/oauth2/token"))));
		Schema<?> problem = new Schema<>().$ref("#/components/schemas/ProblemDetail");
		if (openApi.getPaths() == null) {
			return;
		}
		openApi.getPaths().forEach((path, item) -> {
			for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.readOperationsMap().entrySet()) {
				Operation operation = entry.getValue();
				operation.addSecurityItem(new SecurityRequirement().addList(BEARER))
					.addSecurityItem(new SecurityRequirement().addList(OAUTH2));
				this.rules.ruleFor(HttpMethod.valueOf(entry.getKey().name()), path)
					.ifPresent((rule) -> operation.addExtension("x-roles",
							rule.roles().stream().map(Role::name).sorted().toList()));
				operation.getResponses()
					.addApiResponse("401", answer("No valid access token of the provider", problem))
					.addApiResponse("403", answer("The token's roles do not allow this operation", problem));
			}
		});
	}

	private static ApiResponse answer(String text, Schema<?> problem) {
		return new ApiResponse().description(text)
			.content(new Content().addMediaType("application/problem+json", new MediaType().schema(problem)));
	}

}
