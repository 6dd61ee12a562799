package ler.intake.web;

import java.util.List;

import ler.intake.request.IdempotencyKeyInFlightException;
import ler.intake.request.IdempotencyKeyReusedException;
import ler.intake.request.DocumentNotFoundException;
import ler.intake.request.InvalidRequestException;
import ler.intake.request.NotPermittedException;
import ler.intake.request.RequestNotFoundException;
import ler.intake.request.RequestStateException;
import ler.intake.request.UnsupportedPartTypeException;
import ler.intake.request.Violation;
import ler.intake.request.DocumentTooLargeException;
import ler.intake.request.PublishFailedException;
import ler.platform.web.FieldViolation;
import ler.platform.web.ProblemAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Intake's own errors as problem+json; the generic ones (bad JSON, sizes, media types,
 * parameters, the unexpected) are the platform's {@link ProblemAdvice}.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		List<FieldViolation> errors = fields(ex.violations());
		return invalid(errors.size() + " field(s) broke a rule: " + summary(errors), errors);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> reusedKey(IdempotencyKeyReusedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused", "Idempotency-Key reused",
				ex.getMessage(), List.of(new FieldViolation("Idempotency-Key", "same-body-per-key", ex.getMessage())));
	}

	/** The IETF Idempotency-Key draft: a request with the key is still being answered. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> keyInFlight(IdempotencyKeyInFlightException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "idempotency-key-in-flight",
				"Idempotency-Key in use", ex.getMessage(),
				List.of(new FieldViolation("Idempotency-Key", "one-request-at-a-time", ex.getMessage())));
		return ResponseEntity.status(answer.getStatusCode())
			.headers(answer.getHeaders())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(answer.getBody());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unsupportedPart(UnsupportedPartTypeException ex) {
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported part type",
				ex.getMessage(), List.of(new FieldViolation(ex.part(), "media-type", ex.getMessage())));
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> wrongState(RequestStateException ex) {
		ResponseEntity<ProblemDetail> answer = problem(HttpStatus.CONFLICT, "illegal-transition",
				"Not allowed in the request's current state", ex.getMessage(), List.of());
		answer.getBody().setProperty("currentState", ex.current());
		return answer;
	}

	/**
	 * No such request, or one of another agency: the same answer, so it reveals nothing.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(RequestNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> documentNotFound(DocumentNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", ex.getMessage(), List.of());
	}

	/**
	 * The token's role allows the route but not this: no agency in an officer's token, or
	 * an emergency request without the emergency permission.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> notPermitted(NotPermittedException ex) {
		return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", ex.getMessage(), fields(ex.violations()));
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

	private static List<FieldViolation> fields(List<Violation> violations) {
		return violations.stream().map((v) -> new FieldViolation(v.field(), v.rule(), v.message())).toList();
	}

}
