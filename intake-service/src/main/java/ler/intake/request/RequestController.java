package ler.intake.request;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import ler.events.RequestReceived;
import ler.intake.request.Documents;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

@RestController
@RequestMapping("/api/requests")
class RequestController {

	static final int MAX_IDEMPOTENCY_KEY = 200;

	private final RequestValidator validator;

	private final RequestSubmission submission;

	private final RequestViews views;

	private final MeterRegistry meters;

	private final Documents documents;

	/** The parts of a multipart submission. */
	private static final Set<String> PARTS = Set.of("request", "document");

	private final JsonPart jsonPart;

	RequestController(RequestValidator validator, RequestSubmission submission, RequestViews views,
			MeterRegistry meters, Documents documents, JsonPart jsonPart) {
		this.documents = documents;
		this.jsonPart = jsonPart;
		this.validator = validator;
		this.submission = submission;
		this.views = views;
		this.meters = meters;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Receipt>> submit(@RequestBody(required = false) NewRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		return Mono.defer(() -> {
			checkIdempotencyKey(idempotencyKey);
			ValidRequest request = this.validator.validate(body);
			return this.submission.submit(request, null, idempotencyKey, fingerprint(body, null))
				.map((accepted) -> accepted(request, accepted));
		});
	}

	/**
	 * A request with its legal-process document, as {@code multipart/form-data}: the part
	 * {@code request} is the JSON of a request, sent as {@code application/json}, or
	 * without a content type, or as {@code text/plain} or
	 * {@code application/octet-stream} (what {@code curl -F request=<file} and
	 * {@code curl -F request=@file} send); the optional part {@code document} is the PDF.
	 * Nothing is stored before the request is valid and its {@code Idempotency-Key}
	 * claimed.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Receipt>> submitWithDocument(@RequestPart(name = "request", required = false) Part json,
			@RequestPart(name = "document", required = false) FilePart document,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			ServerWebExchange exchange) {
		return exchange.getMultipartData().doOnNext(RequestController::checkParts).then(Mono.defer(() -> {
			checkIdempotencyKey(idempotencyKey);
			return this.jsonPart.read(json);
		})).flatMap((body) -> {
			ValidRequest request = this.validator.validate(body);
			Mono<Documents.Upload> checked = (document == null) ? Mono.empty()
					: this.documents.check(document.content(), document.filename(),
							(document.headers().getContentType() == null) ? null
									: document.headers().getContentType().toString(),
							"document");
			return checked.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((upload) -> this.submission.submit(request, upload.orElse(null), idempotencyKey,
						fingerprint(body, upload.map((u) -> u.document().sha256()).orElse(null))))
				.map((accepted) -> accepted(request, accepted));
		});
	}

	/**
	 * Each part once, and only the two this API knows: a second {@code request} or
	 * {@code document}, or a part of another name, is refused rather than silently
	 * dropped (the multipart counterpart of a JSON field given twice or unknown).
	 */
	private static void checkParts(MultiValueMap<String, Part> parts) {
		List<Violation> violations = new ArrayList<>();
		parts.forEach((name, values) -> {
			if (!PARTS.contains(name)) {
				violations.add(new Violation(name, "known-part",
						"'" + name + "' is not a part of this API: send 'request' and optionally 'document'"));
			}
			else if (values.size() > 1) {
				violations.add(new Violation(name, "single-part", "'" + name + "' may be sent once"));
			}
		});
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
	}

	@GetMapping("/{id}")
	Mono<RequestStatus> find(@PathVariable UUID id) {
		return this.views.find(id).switchIfEmpty(Mono.error(() -> new RequestNotFoundException(id)));
	}

	/** Attaches (or replaces) the legal-process document after the request. */
	@PostMapping(path = "/{id}/document", consumes = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<RequestReceived.Document>> attach(@PathVariable UUID id, ServerHttpRequest request) {
		String fileName = request.getHeaders().getContentDisposition().getFilename();
		return this.submission
			.attach(id, this.documents.store(request.getBody(), fileName, MediaType.APPLICATION_PDF_VALUE, "body"))
			.map((document) -> ResponseEntity.status(HttpStatus.CREATED)
				.location(URI.create("/api/requests/" + id + "/document"))
				.body(document));
	}

	/** The legal-process document, for counsel. */
	@GetMapping(path = "/{id}/document", produces = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<Flux<DataBuffer>>> document(@PathVariable UUID id) {
		return this.views.find(id)
			.switchIfEmpty(Mono.error(() -> new RequestNotFoundException(id)))
			.flatMap((status) -> (status.documentId() == null)
					? Mono
						.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "request " + id + " has no document"))
					: Mono.just(status))
			.map((status) -> ResponseEntity.ok()
				.contentType(MediaType.APPLICATION_PDF)
				.header(HttpHeaders.CONTENT_DISPOSITION,
						ContentDisposition.attachment().filename(status.document().fileName()).build().toString())
				.eTag(status.document().sha256())
				.body(this.documents.read(status.documentId()).map(DefaultDataBufferFactory.sharedInstance::wrap)));
	}

	/** The requester withdraws a request review has not closed. */
	@PostMapping("/{id}/withdrawal")
	Mono<ResponseEntity<Receipt>> withdraw(@PathVariable UUID id, @RequestBody(required = false) Withdrawal body) {
		return Mono.defer(() -> {
			String reason = this.validator.withdrawalReason((body == null) ? null : body.reason());
			return this.submission.withdraw(id, reason)
				.thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
					.location(URI.create("/api/requests/" + id))
					.body(new Receipt(id, "WITHDRAWAL_REQUESTED")));
		});
	}

	/**
	 * Counts the request where its event was first acknowledged by the broker: once per
	 * request, whichever submission (a retry after a 503, say) got it there.
	 */
	private ResponseEntity<Receipt> accepted(ValidRequest request, RequestSubmission.Accepted accepted) {
		if (accepted.firstPublished()) {
			this.meters
				.counter("ler.requests.received", "legal_process", request.legalProcess().name(), "customer_type",
						request.customerType().name(), "service", request.service())
				.increment();
		}
		return ResponseEntity.status(HttpStatus.ACCEPTED)
			.location(URI.create("/api/requests/" + accepted.requestId()))
			.body(new Receipt(accepted.requestId(),
					request.requesterVerified() ? "PENDING_REVIEW" : "VERIFICATION_PENDING"));
	}

	record Withdrawal(String reason) {
	}

	private static void checkIdempotencyKey(String key) {
		if (key != null && (key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY
				|| !key.chars().allMatch((c) -> c > 0x20 && c < 0x7f))) {
			throw new InvalidRequestException(List.of(new Violation("Idempotency-Key", "idempotency-key",
					"the Idempotency-Key header must be 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters")));
		}
	}

	/**
	 * Records print every component, so equal submissions give equal fingerprints; the
	 * document's SHA-256 (or none) is part of it, so the same JSON with another document
	 * is another submission.
	 */
	private static String fingerprint(NewRequest body, String documentSha256) {
		String content = body + "\ndocument:" + ((documentSha256 == null) ? "none" : documentSha256);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	record Receipt(UUID id, String status) {
	}

}
