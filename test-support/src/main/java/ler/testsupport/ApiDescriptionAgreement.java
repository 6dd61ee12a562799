package ler.testsupport;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails when the code and its OpenAPI description disagree: an endpoint in one and not
 * the other, an enumeration whose values differ, an operation without its problem+json
 * answers, an operation without its security requirement, allowed roles ({@code x-roles})
 * and 401/403 answers. The client must carry an OPERATOR token: the description is an
 * operator's.
 */
public final class ApiDescriptionAgreement {

	private ApiDescriptionAgreement() {
	}

	/**
	 * @param enums JSON pointers into the description, and the values the code accepts
	 * there
	 */
	public static void check(WebTestClient http, ApplicationContext context, Map<String, List<String>> enums) {
		byte[] body = http.get()
			.uri("/v3/api-docs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.returnResult()
			.getResponseBody();
		JsonNode description = JsonMapper.builder().build().readTree(body);

		Set<String> inCode = new TreeSet<>();
		context.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class)
			.getHandlerMethods()
			.forEach((info, method) -> {
				if (method.getBeanType().getPackageName().startsWith("ler.")) {
					info.getPatternsCondition()
						.getPatterns()
						.forEach((pattern) -> info.getMethodsCondition()
							.getMethods()
							.forEach((verb) -> inCode.add(verb.name() + " " + pattern.getPatternString())));
				}
			});
		Set<String> described = new TreeSet<>();
		description.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((operation) -> described.add(operation.getKey().toUpperCase() + " " + path.getKey())));
		assertThat(described).as("endpoints described vs endpoints in the code").isEqualTo(inCode);

		enums.forEach((pointer, values) -> {
			List<String> listed = description.at(pointer).valueStream().map(JsonNode::asString).toList();
			assertThat(listed).as("enumeration at " + pointer).containsExactlyInAnyOrderElementsOf(values);
		});

		description.get("paths")
			.properties()
			.forEach((path) -> path.getValue()
				.properties()
				.forEach((operation) -> assertThat(
						operation.getValue().at("/responses/400/content").has("application/problem+json"))
					.as(operation.getKey() + " " + path.getKey() + " describes its 400 problem+json answer")
					.isTrue()));

		description.get("paths").properties().forEach((path) -> path.getValue().properties().forEach((operation) -> {
			String name = operation.getKey() + " " + path.getKey();
			assertThat(operation.getValue().at("/security").toString()).as(name + " has a security requirement")
				.contains("bearer");
			assertThat(operation.getValue().at("/x-roles").isArray()).as(name + " lists the roles it allows").isTrue();
			assertThat(operation.getValue().at("/responses/401/content").has("application/problem+json"))
				.as(name + " describes its 401")
				.isTrue();
			assertThat(operation.getValue().at("/responses/403/content").has("application/problem+json"))
				.as(name + " describes its 403")
				.isTrue();
		}));
		assertThat(description.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");

		http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
	}

}
