package ler.identity.admin;

import java.net.URI;
import java.util.List;
import java.util.Map;

import ler.identity.account.AccountNotFoundException;
import ler.identity.account.AccountRuleException;
import ler.identity.account.AccountStateException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error answer of the admin API is RFC 9457 {@code application/problem+json}; a bad
 * field is named with the rule it broke in {@code errors}.
 */
@RestControllerAdvice(assignableTypes = AdminController.class)
class AdminProblems extends ResponseEntityExceptionHandler {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidInputException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage(), ex.violations());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> accountNotFound(AccountNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> wrongState(AccountStateException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "illegal-transition",
				"Not allowed in the account's current status", ex.getMessage(), List.of());
		answer.getBody().setProperty("currentStatus", ex.current());
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> brokenRule(AccountRuleException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "rule-broken", "Rule broken", ex.getMessage(),
				List.of(new Violation(ex.field(), ex.rule(), ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException ex) {
		String message = "'" + ex.getName() + "' has a value this API does not know";
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", message,
				List.of(new Violation(ex.getName(), "known-value", message)));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
					&& read.getOriginalMessage().startsWith("Duplicate Object property")) {
				String name = read.getOriginalMessage().replaceAll("^Duplicate Object property \"(.*)\"$", "$1");
				String parent = path(read);
				String field = parent.isEmpty() ? name : parent + "." + name;
				String message = "'" + field + "' appears more than once; each field may be given once";
				return widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", message,
						List.of(new Violation(field, "duplicate-field", message))));
			}
			if (cause instanceof UnrecognizedPropertyException unknown) {
				String field = path(unknown);
				return widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"unknown field " + field,
						List.of(new Violation(field, "known-field", "'" + field + "' is not a field of this API"))));
			}
			if (cause instanceof JacksonException json) {
				String field = path(json);
				String rule = field.isEmpty() ? "json" : "type";
				String message = field.isEmpty() ? "the body is not well-formed JSON"
						: "'" + field + "' has the wrong JSON type or an unknown value";
				return widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", message,
						List.of(new Violation(field, rule, message))));
			}
		}
		return widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", "the body is missing",
				List.of(new Violation("", "body-required", "a JSON body is required"))));
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
