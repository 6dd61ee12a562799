package ler.review.web;

import java.util.List;

import ler.platform.web.FieldViolation;
import ler.platform.web.ProblemAdvice;
import ler.review.cases.application.CaseNotFoundException;
import ler.review.cases.model.FourEyesException;
import ler.review.cases.model.IllegalTransitionException;
import ler.review.cases.model.InvalidCommandException;
import ler.review.cases.model.PolicyViolationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Review's own errors as problem+json; the generic ones (bad JSON, sizes, media types,
 * parameters, the unexpected) are the platform's {@link ProblemAdvice}.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidCommandException ex) {
		List<FieldViolation> errors = ex.violations()
			.stream()
			.map((v) -> new FieldViolation(v.field(), v.rule(), v.message()))
			.toList();
		return invalid(errors.size() + " field(s) broke a rule: " + summary(errors), errors);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> policy(PolicyViolationException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "policy-violation", "Decision breaks a legal or policy rule",
				ex.getMessage(), List.of(new FieldViolation("decision", ex.rule(), ex.getMessage())));
	}

	/** The proposer answering their own proposal: 403, and nothing changed. */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> fourEyes(FourEyesException ex) {
		return problem(HttpStatus.FORBIDDEN, "four-eyes", "A second, different senior counsel must approve",
				ex.getMessage(), List.of(new FieldViolation("approved", "four-eyes", ex.getMessage())));
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

}
