package ler.intake.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import ler.intake.request.document.DocumentTooLargeException;
import ler.intake.request.IdempotencyKeyInFlightException;
import ler.intake.request.IdempotencyKeyReusedException;
import ler.intake.request.UnsupportedPartTypeException;
import ler.intake.request.RequestNotFoundException;
import ler.intake.request.RequestStateException;
import ler.intake.request.InvalidRequestException;
import ler.intake.request.Violation;
import ler.intake.request.messaging.PublishFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
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
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error answer is RFC 9457 {@code application/problem+json}; a bad field is named
 * with the rule it broke in {@code errors}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
				ex.violations().size() + " field(s) broke a rule: " + summary(ex.violations()), ex.violations());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> reusedKey(IdempotencyKeyReusedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				ex.getMessage(), List.of(new Violation("Idempotency-Key", "same-body-per-key", ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyInFlight(IdempotencyKeyInFlightException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "idempotency-key-in-flight",
				"Idempotency-Key in use", ex.getMessage(),
				List.of(new Violation("Idempotency-Key", "one-request-at-a-time", ex.getMessage())));
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(answer.getBody());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupportedPart(UnsupportedPartTypeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported part type",
				ex.getMessage(), List.of(new Violation(ex.part(), "media-type", ex.getMessage())));
	}

	/** A body over the codecs' limit, as the argument resolvers report it. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> contentTooLarge(ContentTooLargeException ex) {
		return (ex.getCause() instanceof DataBufferLimitException limit) ? tooLargeProblem(limit)
				: problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request too large",
						"The request exceeds a size limit of this API; see the API description for the limits.",
						List.of());
	}

	/** A size limit met while reading a body or a multipart part, outside the codecs. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException ex) {
		return tooLargeProblem(ex);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> wrongState(RequestStateException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "illegal-transition",
				"Not allowed in the request's current state", ex.getMessage(), List.of());
		answer.getBody().setProperty("currentState", ex.current());
		return answer;
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(RequestNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> documentTooLarge(DocumentTooLargeException ex) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Document too large", ex.getMessage(),
				List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> publishFailed(PublishFailedException ex) {
		log.warn("Request not accepted, the broker did not acknowledge it: {}", ex.getMessage());
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
				"Request not accepted",
				"The event log did not acknowledge the request, so it was not accepted; nothing was recorded. Retry later, with the same Idempotency-Key.",
				List.of());
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "5")
			.body(answer.getBody());
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException limit) {
				return Mono.just(widen(tooLargeProblem(limit)));
			}
			if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
					&& read.getOriginalMessage().startsWith("Duplicate Object property")) {
				String name = read.getOriginalMessage().replaceAll("^Duplicate Object property \"(.*)\"$", "$1");
				String parent = path(read);
				String field = parent.isEmpty() ? name : parent + "." + name;
				String message = "'" + field + "' appears more than once; each field may be given once";
				return Mono.just(widen(problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", message,
						List.of(new Violation(field, "duplicate-field", message)))));
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

	/** 413 naming the limit: the codec's message states it in bytes. */
	private static ResponseEntity<ProblemDetail> tooLargeProblem(DataBufferLimitException ex) {
		String detail = "The request exceeds a size limit of this API (" + ex.getMessage()
				+ "); see the API description for the limits.";
		return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request too large", detail,
				List.of(new Violation("", "max-size", detail)));
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
