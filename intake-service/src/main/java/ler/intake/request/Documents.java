package ler.intake.request;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import ler.events.RequestReceived;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.ObjectId;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.stereotype.Component;

/**
 * Legal-process documents, stored in GridFS (works on the local store and on real
 * MongoDB). A document is a PDF of bounded size; its SHA-256 travels in the events so
 * anyone can prove the file unchanged.
 */
@Component
public class Documents {

	static final String PDF = "application/pdf";

	private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

	private final GridFSBucket bucket;

	private final MongoCollection<Document> files;

	private final long maxSize;

	Documents(MongoDatabase database, IntakeProperties properties) {
		this.bucket = GridFSBuckets.create(database, "documents");
		this.files = database.getCollection("documents.files");
		this.maxSize = properties.maxDocumentSize().toBytes();
	}

	/**
	 * Reads and checks an upload without storing anything: a PDF of at most the
	 * configured size. The document gets its id now, so an event can name it before it is
	 * stored.
	 * @param field the name the client used for the document, for error answers
	 */
	public Mono<Upload> check(Flux<DataBuffer> content, String fileName, String mediaType, String field) {
		if (mediaType != null && !mediaType.startsWith(PDF)) {
			return Mono.error(invalid(field, "media-type", field + " must be application/pdf"));
		}
		return DataBufferUtils.join(content, (int) Math.min(Integer.MAX_VALUE, this.maxSize))
			.onErrorMap(DataBufferLimitException.class,
					(ex) -> new DocumentTooLargeException(field + " exceeds " + this.maxSize + " bytes"))
			.map((buffer) -> {
				byte[] bytes = new byte[buffer.readableByteCount()];
				buffer.read(bytes);
				DataBufferUtils.release(buffer);
				return bytes;
			})
			.switchIfEmpty(Mono.error(() -> invalid(field, "required", field + " is empty")))
			.flatMap((bytes) -> {
				if (bytes.length < PDF_MAGIC.length
						|| !Arrays.equals(bytes, 0, PDF_MAGIC.length, PDF_MAGIC, 0, PDF_MAGIC.length)) {
					return Mono.error(invalid(field, "pdf", field + " is not a PDF file"));
				}
				return Mono.just(new Upload(new RequestReceived.Document(new ObjectId().toHexString(),
						safeName(fileName), PDF, bytes.length, sha256(bytes)), bytes));
			});
	}

	/**
	 * Stores a checked upload under the id its metadata names. Idempotent: a document
	 * already stored under that id is kept, so a retried submission stores it once.
	 */
	public Mono<RequestReceived.Document> save(Upload upload) {
		RequestReceived.Document document = upload.document();
		ObjectId id = new ObjectId(document.documentId());
		return Mono.from(this.files.find(Filters.eq("_id", id)).first())
			.map((existing) -> document)
			.switchIfEmpty(
					Mono.defer(
							() -> Mono
								.from(this.bucket.uploadFromPublisher(new BsonObjectId(id), document.fileName(),
										Flux.just(ByteBuffer.wrap(upload.bytes())),
										new GridFSUploadOptions().metadata(
												new Document("contentType", PDF).append("sha256", document.sha256()))))
								.thenReturn(document)
								.onErrorResume(Documents::isDuplicateKey, (ex) -> Mono.just(document))));
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/** The stored bytes, streamed. */
	public Flux<ByteBuffer> read(String documentId) {
		return Flux.from(this.bucket.downloadToPublisher(new ObjectId(documentId)));
	}

	/**
	 * A checked upload, not yet stored.
	 *
	 * @param document its metadata, as events carry it
	 * @param bytes its content
	 */
	public record Upload(RequestReceived.Document document, byte[] bytes) {

		/** The same content under another document's id and name (a retry's claim). */
		public Upload as(RequestReceived.Document claimed) {
			return new Upload(claimed, this.bytes);
		}

	}

	private static InvalidRequestException invalid(String field, String rule, String message) {
		return new InvalidRequestException(List.of(new Violation(field, rule, message)));
	}

	private static String safeName(String fileName) {
		if (fileName == null || fileName.isBlank()) {
			return "legal-process.pdf";
		}
		String name = fileName.replaceAll("[^A-Za-z0-9._-]", "_");
		return (name.length() > 120) ? name.substring(name.length() - 120) : name;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
