package ler.intake.request;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/api/requests")
class RequestController {

	static final int MAX_IDEMPOTENCY_KEY = 200;

	private final RequestValidator validator;

	private final RequestSubmission submission;

	private final RequestViews views;

	private final MeterRegistry meters;

	RequestController(RequestValidator validator, RequestSubmission submission, RequestViews views,
			MeterRegistry meters) {
		this.validator = validator;
		this.submission = submission;
		this.views = views;
		this.meters = meters;
	}

	@PostMapping
	Mono<ResponseEntity<Receipt>> submit(@RequestBody(required = false) NewRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return Mono.defer(() -> {
			checkIdempotencyKey(idempotencyKey);
			ValidRequest request = this.validator.validate(body);
			return this.submission.submit(request, idempotencyKey, fingerprint(body)).map((accepted) -> {
				if (!accepted.replayed()) {
					this.meters
						.counter("ler.requests.received", "legal_process", request.legalProcess().name(),
								"customer_type", request.customerType().name(), "service", request.service())
						.increment();
				}
				return ResponseEntity.status(HttpStatus.ACCEPTED)
					.location(URI.create("/api/requests/" + accepted.requestId()))
					.body(new Receipt(accepted.requestId(), "PENDING_REVIEW"));
			});
		});
	}

	@GetMapping("/{id}")
	Mono<RequestViews.RequestStatus> find(@PathVariable UUID id) {
		return this.views.find(id)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"no request " + id + " (a request just accepted may take a moment to appear)")));
	}

	private static void checkIdempotencyKey(String key) {
		if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY
				|| !key.chars().allMatch((c) -> c > 0x20 && c < 0x7f))) {
			throw new InvalidRequestException(List.of(new Violation("Idempotency-Key", "idempotency-key",
					"the Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters")));
		}
	}

	/** Records print every component, so equal submissions give equal fingerprints. */
	private static String fingerprint(NewRequest body) {
		try {
			return HexFormat.of()
				.formatHex(
						MessageDigest.getInstance("SHA-256").digest(body.toString().getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Receipt(UUID id, String status) {
	}

}
