package ler.reporting.web;

import java.util.List;

import ler.platform.web.FieldViolation;
import ler.platform.web.ProblemAdvice;
import ler.reporting.statistics.InvalidQueryException;
import ler.reporting.statistics.messaging.ProjectionRebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Reporting's own errors as problem+json; the generic ones (bad JSON, sizes, media types,
 * parameters, the unexpected) are the platform's {@link ProblemAdvice}.
 */
@RestControllerAdvice
class ProblemHandler extends ProblemAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> refused(ProjectionRebuild.RebuildRefusedException ex) {
		return problem(HttpStatus.CONFLICT, "rebuild-refused", "Rebuild refused", ex.getMessage(), List.of());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidQueryException ex) {
		return invalid(ex.getMessage(), List.of(new FieldViolation(ex.field(), ex.rule(), ex.getMessage())));
	}

}
