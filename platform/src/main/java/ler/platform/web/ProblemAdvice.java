package ler.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.reactive.resource.NoResourceFoundException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Every error answer as RFC 9457 {@code application/problem+json}, with a bad field named
 * with the rule it broke in {@code errors}. Handles what every service meets the same
 * way: malformed JSON, a wrong JSON type, an unknown field, a body over the size limit
 * (413), a missing or mistyped parameter, an unsupported media type (415), a method not
 * allowed (405), no such resource (404), and anything unexpected (500 that names nothing
 * internal). A service subclasses it as its {@code @RestControllerAdvice} and adds an
 * {@code @ExceptionHandler} per domain exception; keeping them in one advice lets the
 * most specific handler win over the catch-all.
 */
public abstract class ProblemAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

	/**
	 * The answer for an exception no handler claims: a 500 that says nothing about the
	 * cause. The log names the exception type and where it was thrown, not its message
	 * (messages can carry identifiers). A response already on its way, or a client that
	 * went away, is left to the server as before.
	 */
	@ExceptionHandler
	Mono<ResponseEntity<ProblemDetail>> unexpected(Exception ex, ServerWebExchange exchange) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException limit) {
				return Mono.just(tooLarge(limit));
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// the store is away (restarting, failing over): nothing was changed, retry
			// later
			if (cause instanceof com.mongodb.MongoSocketException
					|| cause instanceof com.mongodb.MongoTimeoutException) {
				log.warn("Store unavailable, answered 503: {}", cause.getClass().getSimpleName());
				ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable",
						"Store unavailable",
						"The service's store did not answer, so the request was not taken; retry later (with the same Idempotency-Key where the API takes one).",
						List.of());
				return Mono.just(ResponseEntity.status(answer.getStatusCode())
					.headers(answer.getHeaders())
					.header(HttpHeaders.RETRY_AFTER, "5")
					.body(answer.getBody()));
			}
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			// e.g. the multipart reader refusing too many parts or a malformed part
			if (cause instanceof DecodingException decoding) {
				String message = "the body could not be read: " + decoding.getMessage();
				return Mono.just(invalid(message, List.of(new FieldViolation("", "readable-body", message))));
			}
		}
		if (ex instanceof ErrorResponse known) {
			ProblemDetail body = known.getBody();
			return Mono.just(ResponseEntity.status(known.getStatusCode())
				.headers(known.getHeaders())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(body));
		}
		StackTraceElement[] trace = ex.getStackTrace();
		log.error("Unexpected {} at {}: answered 500", ex.getClass().getName(),
				(trace.length > 0) ? trace[0] : "an unknown place");
		return Mono.just(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
				"The service could not answer this request. Nothing about it is known to have changed.", List.of()));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataBufferLimitException limit) {
				return Mono.just(widen(tooLarge(limit)));
			}
			// STRICT_DUPLICATE_DETECTION: a field given twice is refused, never
			// last-one-wins
			if (cause instanceof StreamReadException read && read.getOriginalMessage() != null
					&& read.getOriginalMessage().startsWith("Duplicate Object property")) {
				String name = read.getOriginalMessage().replaceAll("^Duplicate Object property \"(.*)\"$", "$1");
				String parent = path(read);
				String field = parent.isEmpty() ? name : parent + "." + name;
				String message = "'" + field + "' appears more than once; each field may be given once";
				return Mono
					.just(widen(invalid(message, List.of(new FieldViolation(field, "duplicate-field", message)))));
			}
			if (cause instanceof UnrecognizedPropertyException unknown) {
				String field = path(unknown);
				return Mono.just(widen(invalid("unknown field " + field, List
					.of(new FieldViolation(field, "known-field", "'" + field + "' is not a field of this API")))));
			}
			if (cause instanceof JacksonException json) {
				String field = path(json);
				String rule = field.isEmpty() ? "json" : "type";
				String message = field.isEmpty() ? "the body is not well-formed JSON"
						: "'" + field + "' has the wrong JSON type";
				return Mono.just(widen(invalid(message, List.of(new FieldViolation(field, rule, message)))));
			}
			if (cause instanceof TypeMismatchException mismatch && ex.getMethodParameter() != null
					&& ex.getMethodParameter().getParameterName() != null) {
				String field = ex.getMethodParameter().getParameterName();
				String message = "'" + field + "' has the wrong type" + ((mismatch.getRequiredType() != null)
						? ": " + mismatch.getRequiredType().getSimpleName() + " expected" : "");
				return Mono.just(widen(invalid(message, List.of(new FieldViolation(field, "type", message)))));
			}
		}
		return super.handleServerWebInputException(ex, headers, status, exchange);
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleMissingRequestValueException(MissingRequestValueException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		String field = ex.getName();
		String message = "'" + field + "' (" + ex.getLabel() + ") is required";
		return Mono.just(widen(invalid(message, List.of(new FieldViolation(field, "required", message)))));
	}

	/**
	 * A body over the codec limit (WebFlux answers it with a 413 of its own); no such
	 * route, where the detail does not echo the path, which may hold an identifier.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> handleResponseStatusException(ResponseStatusException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (status.value() == HttpStatus.CONTENT_TOO_LARGE.value()) {
			for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
				if (cause instanceof DataBufferLimitException limit) {
					return Mono.just(widen(tooLarge(limit)));
				}
			}
			return Mono.just(widen(tooLarge(null)));
		}
		if (ex instanceof NoResourceFoundException) {
			return Mono.just(widen(problem(HttpStatus.NOT_FOUND, "not-found", "Not Found",
					"No resource at this path and method.", List.of())));
		}
		return super.handleResponseStatusException(ex, headers, status, exchange);
	}

	/**
	 * A 400 {@code invalid-request} answer.
	 * @param detail a summary for people
	 * @param errors each bad field and the rule it broke
	 */
	protected static ResponseEntity<ProblemDetail> invalid(String detail, List<FieldViolation> errors) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, errors);
	}

	/**
	 * A problem+json answer.
	 * @param type the last part of the type URI {@code urn:ler:problem:<type>}
	 * @param errors each bad field and the rule it broke; none leaves {@code errors} out
	 */
	protected static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
			List<FieldViolation> errors) {
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

	/** "field (rule); field (rule)" for a problem's {@code detail}. */
	protected static String summary(List<FieldViolation> violations) {
		return String.join("; ", violations.stream().map((v) -> v.field() + " (" + v.rule() + ")").toList());
	}

	/**
	 * A size limit met while reading a body or a multipart part outside the codecs (e.g.
	 * a part reader's limit): 413 naming the limit.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> bufferLimit(DataBufferLimitException ex) {
		return tooLarge(ex);
	}

	/**
	 * 413 naming the limit; the codec's message states it in bytes.
	 * @param limit the limit met, or null when unknown
	 */
	protected static ResponseEntity<ProblemDetail> tooLarge(DataBufferLimitException limit) {
		String detail = "The request exceeds a size limit of this API"
				+ ((limit != null) ? " (" + limit.getMessage() + ")" : "")
				+ "; see the API description for the limits.";
		return problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request too large", detail,
				List.of(new FieldViolation("", "max-size", detail)));
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

}
