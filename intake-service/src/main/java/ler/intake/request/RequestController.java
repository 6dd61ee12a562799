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
import ler.platform.security.Caller;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

/**
 * Intake's API for law-enforcement officers (their own agency's requests only) and
 * counsel (every request's status and documents). Who may call which route is
 * {@link RequestRoutes}; the acting person is always the token's {@link Caller}.
 */
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

	/**
	 * A request, as JSON. The submitting agency and officer come from the access token,
	 * never from the body; an emergency request needs the officer's emergency permission
	 * (403 {@code may-file-emergency} otherwise, with nothing stored or published).
	 */
	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	Mono<ResponseEntity<Receipt>> submit(@RequestBody(required = false) NewRequest body,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey, Caller caller) {
		return Mono.defer(() -> {
			checkIdempotencyKey(idempotencyKey);
			Submitter submitter = Access.officer(caller);
			ValidRequest request = this.validator.validate(body);
			Access.checkEmergency(caller, request);
			Access.checkOwnAgency(caller, request);
			return this.submission.submit(request, submitter, null, idempotencyKey, fingerprint(body, null))
				.map((accepted) -> accepted(request, accepted));
		});
	}

	/**
	 * A request with its legal-process document, as {@code multipart/form-data}: the part
	 * {@code request} is the JSON of a request, sent as {@code application/json}, or
	 * without a content type, or as {@code text/plain} or
	 * {@code application/octet-stream} (what {@code curl -F request=<file} and
	 * {@code curl -F request=@file} send); the optional part {@code document} is the PDF.
	 * Nothing is stored before the request is valid, permitted and its
	 * {@code Idempotency-Key} claimed. The document becomes version 1.
	 */
	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	Mono<ResponseEntity<Receipt>> submitWithDocument(@RequestPart(name = "request", required = false) Part json,
			@RequestPart(name = "document", required = false) FilePart document,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
			ServerWebExchange exchange, Caller caller) {
		return exchange.getMultipartData().doOnNext(RequestController::checkParts).then(Mono.defer(() -> {
			checkIdempotencyKey(idempotencyKey);
			Access.officer(caller);
			return this.jsonPart.read(json);
		})).flatMap((body) -> {
			Submitter submitter = Access.officer(caller);
			ValidRequest request = this.validator.validate(body);
			Access.checkEmergency(caller, request);
			Access.checkOwnAgency(caller, request);
			Mono<Documents.Upload> checked = (document == null) ? Mono.empty()
					: this.documents.check(document.content(), document.filename(),
							(document.headers().getContentType() == null) ? null
									: document.headers().getContentType().toString(),
							"document");
			return checked.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((upload) -> this.submission.submit(request, submitter, upload.orElse(null), idempotencyKey,
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

	/**
	 * The request's status, its document versions and review's progress: for counsel, or
	 * for an officer of the submitting agency. Another agency's request is 404, exactly
	 * as one that does not exist.
	 */
	@GetMapping("/{id}")
	Mono<RequestStatus> find(@PathVariable UUID id, Caller caller) {
		return this.submission.visible(id, caller);
	}

	/**
	 * Adds a version of the legal-process document (a PDF): 201 with the version it
	 * became and {@code Location: /api/requests/{id}/document?version=N}. Nothing is
	 * replaced. The submitting agency's officer may add one until counsel's decision
	 * (then 409 with {@code currentState}), counsel any time before a withdrawal.
	 */
	@PostMapping(path = "/{id}/document", consumes = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<RequestStatus.Document>> attach(@PathVariable UUID id, ServerHttpRequest request,
			Caller caller) {
		String fileName = request.getHeaders().getContentDisposition().getFilename();
		return this.submission
			.attach(id, caller,
					this.documents.check(request.getBody(), fileName, MediaType.APPLICATION_PDF_VALUE, "body"))
			.map((version) -> ResponseEntity.status(HttpStatus.CREATED)
				.location(documentUri(id, version.version()))
				.body(version));
	}

	/**
	 * The legal-process document: the latest version, or {@code ?version=N} (a positive
	 * integer; 400 naming {@code version} otherwise, 404 for a version that does not
	 * exist). {@code Content-Location} names the version served, {@code ETag} is its
	 * SHA-256.
	 */
	@GetMapping(path = "/{id}/document", produces = MediaType.APPLICATION_PDF_VALUE)
	Mono<ResponseEntity<Flux<DataBuffer>>> document(@PathVariable UUID id,
			@RequestParam(name = "version", required = false) String version, Caller caller) {
		return Mono.defer(() -> {
			Integer wanted = documentVersion(version);
			return this.submission.visible(id, caller).map((status) -> {
				RequestStatus.Document document = (wanted == null) ? status.document()
						: status.documentVersion(wanted).orElse(null);
				if (document == null) {
					throw new DocumentNotFoundException(id, wanted);
				}
				return ResponseEntity.ok()
					.contentType(MediaType.APPLICATION_PDF)
					.header(HttpHeaders.CONTENT_DISPOSITION,
							ContentDisposition.attachment().filename(document.fileName()).build().toString())
					.header(HttpHeaders.CONTENT_LOCATION, documentUri(id, document.version()).toString())
					.eTag(document.sha256())
					.body(this.documents.read(document.documentId())
						.map(DefaultDataBufferFactory.sharedInstance::wrap));
			});
		});
	}

	/** The officer withdraws a request of their agency that review has not closed. */
	@PostMapping("/{id}/withdrawal")
	Mono<ResponseEntity<Receipt>> withdraw(@PathVariable UUID id, @RequestBody(required = false) Withdrawal body,
			Caller caller) {
		return Mono.defer(() -> {
			String reason = this.validator.withdrawalReason((body == null) ? null : body.reason());
			return this.submission.withdraw(id, caller, reason)
				.thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
					.location(URI.create("/api/requests/" + id))
					.body(new Receipt(id, "WITHDRAWAL_REQUESTED")));
		});
	}

	private static URI documentUri(UUID id, int version) {
		return URI.create("/api/requests/" + id + "/document?version=" + version);
	}

	/** {@code ?version=N}: absent, or a positive integer. */
	private static Integer documentVersion(String version) {
		if (version == null) {
			return null;
		}
		if (version.matches("[1-9][0-9]{0,8}")) {
			return Integer.valueOf(version);
		}
		throw new InvalidRequestException(List.of(new Violation("version", "positive-integer",
				"version must be a document version number: a positive integer such as 1")));
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
