package ler.review.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import ler.review.cases.application.CaseNotFoundException;
import ler.review.cases.model.IllegalTransitionException;
import ler.review.cases.model.PolicyViolationException;
import ler.review.cases.model.InvalidCommandException;
import ler.review.cases.model.Violation;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error answer is RFC 9457 {@code application/problem+json}; a bad field is named
 * with the rule it broke in {@code errors}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidCommandException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				ex.violations().size() + " field(s) broke a rule: " + summary(ex.violations()), ex.violations());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> policy(PolicyViolationException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "policy-violation", "Decision breaks a legal or policy rule",
				ex.getMessage(), List.of(new Violation("decision", ex.rule(), ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(CaseNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> illegalTransition(IllegalTransitionException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "illegal-transition",
				"Decision not allowed in the current state", ex.getMessage(), List.of());
		answer.getBody().setProperty("currentState", ex.current().name());
		return answer;
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException) {
				return Mono.just(widen(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
						"The request body exceeds the size this API accepts.", List.of())));
			}
			if (cause instanceof UnrecognizedPropertyException unknown) {
				String field = path(unknown);
				return Mono.just(widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"unknown field " + field,
						List.of(new Violation(field, "known-field", "'" + field + "' is not a field of this API")))));
			}
			if (cause instanceof JacksonException json) {
				String field = path(json);
				String rule = field.isEmpty() ? "json" : "type";
				String message = field.isEmpty() ? "the body is not well-formed JSON"
						: "'" + field + "' has the wrong JSON type";
				return Mono.just(widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", message,
						List.of(new Violation(field, rule, message)))));
			}
		}
		return super.handleServerWebInputException(ex, headers, status, exchange);
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference ref : ex.getPath()) {
			if (ref.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
			}
			else if (ref.getIndex() >= 0) {
				path.append('[').append(ref.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static String summary(List<Violation> violations) {
		return String.join("; ", violations.stream().map((v) -> v.field() + " (" + v.rule() + ")").toList());
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> entity) {
		return (ResponseEntity) entity;
	}

	static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			List<Violation> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("urn:ler:problem:" + type));
		problem.setTitle(title);
		if (!errors.isEmpty()) {
			problem.setProperty("errors",
					errors.stream()
						.map((v) -> Map.of("field", v.field(), "rule", v.rule(), "message", v.message()))
						.toList());
		}
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
