package ler.reporting.statistics.operations;

import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import ler.reporting.statistics.messaging.ProjectionRebuild;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Operations on the projection itself. */
@RestController
@RequestMapping("/api/projection")
class ProjectionController {

	private final ProjectionRebuild rebuild;

	ProjectionController(ProjectionRebuild rebuild) {
		this.rebuild = rebuild;
	}

	/**
	 * Drops the projection and rebuilds it from the event topics. Answers once the
	 * consumers run again from the start; the figures then climb back to exactly the live
	 * ones.
	 */
	@PostMapping("/rebuild")
	Mono<ResponseEntity<Map<String, Object>>> rebuild() {
		return Mono
			.fromCallable(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.<String, Object>of("rewoundGroups", this.rebuild.rebuild())))
			.subscribeOn(Schedulers.boundedElastic());
	}

}
