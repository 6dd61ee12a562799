package ler.platform.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every generic error answer is problem+json naming the field and rule, and a service's
 * own exception keeps its mapping next to the catch-all.
 */
@WebFluxTest(properties = { "spring.jackson.deserialization.fail-on-unknown-properties=true",
		"spring.http.codecs.max-in-memory-size=1KB" })
@Import({ ProblemAdviceTest.Api.class, ProblemAdviceTest.Problems.class, StrictJsonAutoConfiguration.class })
class ProblemAdviceTest {

	@Autowired
	WebTestClient http;

	@Test
	void malformedJsonNamesTheBody() {
		post("{\"name\": ").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:invalid-request")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("json");
	}

	@Test
	void wrongJsonTypeAndUnknownFieldNameTheField() {
		post("{\"name\": \"a\", \"count\": \"many\"}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("count")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("type");
		post("{\"name\": \"a\", \"extra\": 1}").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("extra")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("known-field");
	}

	@Test
	void aBodyOverTheLimitIs413() {
		post("{\"name\": \"" + "x".repeat(4000) + "\"}").expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:body-too-large")
			.jsonPath("$.detail")
			.value((detail) -> org.assertj.core.api.Assertions.assertThat(detail.toString()).contains("1024"));
	}

	@Test
	void aFieldGivenTwiceIsRefusedNotLastOneWins() {
		post("{\"name\": \"a\", \"name\": \"b\"}").expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("name")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("duplicate-field");
	}

	@Test
	void aNumberOrBooleanWhereTextIsExpectedIsTheWrongTypeNotText() {
		for (String json : new String[] { "{\"name\": 42}", "{\"name\": true}", "{\"name\": 4.2}",
				"{\"name\": \"a\", \"count\": \"7\"}" }) {
			post(json).expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].rule").isEqualTo("type");
		}
		post("{\"name\": \"a\", \"count\": 7}").expectStatus().isOk();
	}

	@Test
	void aStoreThatDoesNotAnswerIs503WithRetryAfterNeverA500() {
		this.http.get()
			.uri("/store-away")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
			.expectHeader()
			.valueEquals("Retry-After", "5")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body)
				.contains("urn:ler:problem:store-unavailable")
				.doesNotContain("127.0.0.1"));
	}

	@Test
	void missingAndMistypedParametersAreNamed() {
		this.http.get()
			.uri("/things")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("required");
		this.http.get()
			.uri("/things?limit=abc")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("limit")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("type");
	}

	@Test
	void unsupportedMediaTypeMethodNotAllowedAndNoSuchPathAreProblems() {
		this.http.post()
			.uri("/things")
			.contentType(MediaType.TEXT_PLAIN)
			.bodyValue("hello")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.delete()
			.uri("/things")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		this.http.get()
			.uri("/secret-id-0042/elsewhere")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((String detail) -> org.assertj.core.api.Assertions.assertThat(detail)
				.doesNotContain("secret-id-0042"));
	}

	@Test
	void theUnexpectedIsA500ThatLeaksNothing() {
		this.http.get()
			.uri("/boom")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.value((body) -> org.assertj.core.api.Assertions.assertThat(body)
				.contains("urn:ler:problem:internal")
				.doesNotContain("secret-id-0042")
				.doesNotContain("IllegalStateException"));
	}

	@Test
	void aServiceMapsItsOwnExceptions() {
		this.http.get()
			.uri("/refused")
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONFLICT)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:refused")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("one-at-a-time");
	}

	private WebTestClient.ResponseSpec post(String json) {
		return this.http.post().uri("/things").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
	}

	@SpringBootApplication
	static class Application {

	}

	record Thing(String name, Integer count) {
	}

	static class RefusedException extends RuntimeException {

		RefusedException() {
			super("refused");
		}

	}

	@RestController
	static class Api {

		@PostMapping("/things")
		Mono<Thing> create(@RequestBody Thing thing) {
			return Mono.just(thing);
		}

		@GetMapping("/things")
		Mono<String> list(@RequestParam int limit) {
			return Mono.just("[]");
		}

		@GetMapping("/boom")
		Mono<String> boom() {
			return Mono.error(new IllegalStateException("secret-id-0042 broke"));
		}

		@GetMapping("/store-away")
		Mono<String> storeAway() {
			return Mono.error(new com.mongodb.MongoSocketWriteException("Exception sending message",
					new com.mongodb.ServerAddress("127.0.0.1", 27017), new java.io.IOException("broken pipe")));
		}

		@GetMapping("/refused")
		Mono<String> refused() {
			throw new RefusedException();
		}

	}

	@RestControllerAdvice
	static class Problems extends ProblemAdvice {

		@ExceptionHandler
		ResponseEntity<ProblemDetail> refused(RefusedException ex) {
			return problem(HttpStatus.CONFLICT, "refused", "Refused", ex.getMessage(),
					List.of(new FieldViolation("", "one-at-a-time", ex.getMessage())));
		}

	}

}
