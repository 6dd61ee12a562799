package ler.intake.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.DocumentAttached;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What a requester sees of a request: what was submitted and where review stands, one
 * document per request fed by both event streams. Every write is one update by
 * {@code _id} (the only index the local store uses for updates) and idempotent:
 * <ul>
 * <li>{@code intakeSequence} is the highest sequence of intake's own events applied,
 * raised with {@code $max}, so a view rebuilt from the log resumes numbering after the
 * last event on it;</li>
 * <li>each value an event sets is stored as {@code {sequence, value}} and written with
 * {@code $max}: MongoDB compares such documents by their first field, so the write is a
 * compare-and-set that applies only when the event is newer than the one that last set
 * that value. Repeats and stale events change nothing, with no read before the
 * write.</li>
 * </ul>
 * Documents leave this class only as {@link RequestStatus} records.
 */
@Component
public class RequestViews {

	private final MongoCollection<Document> views;

	RequestViews(MongoDatabase database) {
		this.views = database.getCollection("requests");
	}

	/**
	 * Records the submission ({@code sequence} is its envelope's, 1 today): what was
	 * submitted, by which agency and account, and its document as version 1.
	 */
	public Mono<Void> recordReceived(RequestReceived event, long sequence) {
		return apply(received(event, sequence));
	}

	/** The write of {@link #recordReceived}. */
	public Write received(RequestReceived event, long sequence) {
		Document request = new Document("agency",
				new Document("name", event.agency().name()).append("country", event.agency().country())
					.append("contactEmail", event.agency().contactEmail()))
			.append("service", event.service())
			.append("customerType", event.customerType())
			.append("enterpriseCustomer", event.enterpriseCustomer())
			.append("legalProcess", event.legalProcess())
			.append("identifiers",
					event.identifiers()
						.stream()
						.map((i) -> new Document("type", i.type()).append("value", i.value()).append("key", i.key()))
						.toList())
			.append("dataCategories", event.dataCategories())
			.append("dataRange",
					(event.dataRange() == null) ? null
							: new Document("from", Date.from(event.dataRange().from())).append("to",
									Date.from(event.dataRange().to())))
			.append("emergencyJustification", event.emergencyJustification())
			.append("nondisclosureUntil", date(event.nondisclosureUntil()))
			.append("requesterVerified", event.verified())
			.append("receivedAt", Date.from(event.receivedAt()))
			.append("submittedAt", Date.from(event.submittedAt()))
			.append("agencyId", event.agencyId())
			.append("submittedBy", event.submittedBy());
		List<Bson> updates = new ArrayList<>(
				List.of(Updates.set("request", request), Updates.max("intakeSequence", sequence)));
		if (event.document() != null) {
			updates.addAll(version(1, event.document(), event.submittedAt(), event.submittedBy()));
		}
		// the same event always writes the same content, so a repeat changes nothing
		return new Write(event.requestId(), Updates.combine(updates));
	}

	/**
	 * Records a document version added after the request, beside the earlier ones. An
	 * event written before versions counts as the version numbered by its sequence, so a
	 * rebuilt view keeps every upload and numbers later ones after it.
	 */
	public Mono<Void> recordDocument(DocumentAttached event, long sequence) {
		return apply(document(event, sequence));
	}

	/** The write of {@link #recordDocument}. */
	public Write document(DocumentAttached event, long sequence) {
		int version = (event.version() != null) ? event.version() : (int) sequence;
		List<Bson> updates = new ArrayList<>(
				version(version, event.document(), event.attachedAt(), event.attachedBy()));
		updates.add(Updates.max("intakeSequence", sequence));
		return new Write(event.requestId(), Updates.combine(updates));
	}

	/**
	 * Sets one version under its own field ({@code documents.v<n>}): the same event
	 * writes the same content, another version another field, so writes in any order and
	 * repeats leave every version as it was added. {@code documentVersion}, the highest
	 * version known, only grows.
	 */
	private static List<Bson> version(int version, RequestReceived.Document d, Instant attachedAt, String attachedBy) {
		Document value = new Document("version", version).append("documentId", d.documentId())
			.append("fileName", d.fileName())
			.append("mediaType", d.mediaType())
			.append("size", d.size())
			.append("sha256", d.sha256())
			.append("attachedAt", Date.from(attachedAt))
			.append("attachedBy", attachedBy);
		return List.of(Updates.set("documents.v" + version, value), Updates.max("documentVersion", version));
	}

	/**
	 * The number of the next document version of an existing request, or empty. Taken
	 * atomically, so two uploads never get the same number.
	 */
	Mono<Integer> nextDocumentVersion(UUID requestId) {
		return Mono
			.from(this.views.findOneAndUpdate(id(requestId), Updates.inc("documentVersion", 1),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> doc.get("documentVersion", Number.class).intValue());
	}

	/**
	 * Gives a version number back after its upload failed, unless a later upload took the
	 * next one meanwhile (then the number stays a gap).
	 */
	Mono<Void> releaseDocumentVersion(UUID requestId, int version) {
		return Mono.from(this.views.updateOne(Filters.and(id(requestId), Filters.eq("documentVersion", version)),
				Updates.inc("documentVersion", -1)))
			.then();
	}

	/** Records the liaison's request to withdraw (the latest by sequence wins). */
	public Mono<Void> recordWithdrawalRequested(RequestWithdrawn event, long sequence) {
		return apply(withdrawalRequested(event, sequence));
	}

	/** The write of {@link #recordWithdrawalRequested}. */
	public Write withdrawalRequested(RequestWithdrawn event, long sequence) {
		return new Write(event.requestId(), Updates
			.combine(
					Updates.max("withdrawal", versioned(sequence,
							new Document("reason", event.reason()).append("requestedAt", Date.from(event.withdrawnAt()))
								.append("requestedBy", event.withdrawnBy()))),
					Updates.max("intakeSequence", sequence)));
	}

	/**
	 * Applies what one review event changes, unless a newer review event already set the
	 * same values: one conditional update, no read (see the class comment).
	 * @param sequence the review event's sequence on the decision stream
	 */
	public Mono<Void> recordReview(UUID requestId, long sequence, ReviewChange change) {
		return apply(review(requestId, sequence, change));
	}

	/** The write of {@link #recordReview}. */
	public Write review(UUID requestId, long sequence, ReviewChange change) {
		List<Bson> updates = new ArrayList<>();
		updates.add(Updates.max("reviewSequence", sequence));
		if (change.status() != null) {
			updates.add(Updates.max("review.status", versioned(sequence, change.status())));
		}
		if (change.decision() != null) {
			RequestStatus.Decision d = change.decision();
			updates.add(Updates.max("review.decision",
					versioned(sequence,
							new Document("decision", d.decision()).append("basis", d.basis())
								.append("reason", d.reason())
								.append("counsel", d.counsel())
								.append("decidedAt", Date.from(d.decidedAt()))
								.append("amended", d.amended()))));
		}
		if (change.verified() != null) {
			updates.add(Updates.max("review.verified", versioned(sequence, change.verified())));
		}
		if (change.customerConsent() != null) {
			updates.add(Updates.max("review.customerConsent", versioned(sequence, change.customerConsent())));
		}
		if (change.preservedUntil() != null) {
			updates.add(Updates.max("review.preservedUntil", versioned(sequence, Date.from(change.preservedUntil()))));
		}
		if (change.userNotificationDueAt() != null) {
			updates.add(Updates.max("review.userNotificationDueAt",
					versioned(sequence, Date.from(change.userNotificationDueAt()))));
		}
		if (change.flag() != null) {
			// flags only accumulate, so order does not matter
			updates.add(Updates.addToSet("review.flags", change.flag()));
		}
		return new Write(requestId, Updates.combine(updates));
	}

	/** The next sequence number for an intake event on an existing request, or empty. */
	Mono<Long> nextSequence(UUID requestId) {
		return Mono
			.from(this.views.findOneAndUpdate(id(requestId), Updates.inc("intakeSequence", 1L),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> doc.get("intakeSequence", Number.class).longValue());
	}

	/** The request's status, or empty while intake has not seen it. */
	public Mono<RequestStatus> find(UUID id) {
		return Mono.from(this.views.find(id(id)).first())
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> status(id, doc));
	}

	/** Makes one write to a request's view. */
	public Mono<Void> apply(Write write) {
		return Mono.from(this.views.updateOne(id(write.requestId()), write.update(), new UpdateOptions().upsert(true)))
			.then();
	}

	/**
	 * Makes the writes in order, in one bulk write: as many writes one by one would, but
	 * one round trip. A failure may leave a prefix written; every write is idempotent, so
	 * making them again finishes the rest.
	 */
	public Mono<Void> applyAll(List<Write> writes) {
		if (writes.isEmpty()) {
			return Mono.empty();
		}
		List<UpdateOneModel<Document>> models = writes.stream()
			.map((w) -> new UpdateOneModel<Document>(id(w.requestId()), w.update(), new UpdateOptions().upsert(true)))
			.toList();
		return Mono.from(this.views.bulkWrite(models, new BulkWriteOptions().ordered(true))).then();
	}

	/**
	 * One write to a request's view: an upsert by its id. The same event always makes the
	 * same write, and writes of different events commute (fields versioned by sequence,
	 * {@code $max}, sets), so a repeat or a reordering changes nothing.
	 */
	public record Write(UUID requestId, Bson update) {
	}

	private static Bson id(UUID requestId) {
		return Filters.eq("_id", requestId.toString());
	}

	/** The sequence first: documents compare field by field, in order. */
	private static Document versioned(long sequence, Object value) {
		return new Document("sequence", sequence).append("value", value);
	}

	private static Date date(Instant instant) {
		return (instant == null) ? null : Date.from(instant);
	}

	private static RequestStatus status(UUID id, Document doc) {
		Document r = doc.get("request", Document.class);
		Document agency = r.get("agency", Document.class);
		Document range = r.get("dataRange", Document.class);
		List<RequestStatus.Identifier> identifiers = r.getList("identifiers", Document.class, List.of())
			.stream()
			.map((i) -> new RequestStatus.Identifier(i.getString("type"), i.getString("value"), i.getString("key")))
			.toList();
		RequestStatus.Request request = new RequestStatus.Request(
				new RequestStatus.Agency(agency.getString("name"), agency.getString("country"),
						agency.getString("contactEmail")),
				r.getString("service"), r.getString("customerType"), r.getString("enterpriseCustomer"),
				r.getString("legalProcess"), identifiers, r.getList("dataCategories", String.class),
				(range == null) ? null : new RequestStatus.DateRange(instant(range, "from"), instant(range, "to")),
				r.getString("emergencyJustification"), instant(r, "nondisclosureUntil"),
				!Boolean.FALSE.equals(r.getBoolean("requesterVerified")), instant(r, "receivedAt"),
				instant(r, "submittedAt"), r.getString("agencyId"), r.getString("submittedBy"));
		Document stored = doc.get("documents", Document.class);
		List<RequestStatus.Document> documents = (stored == null) ? List.of() : stored.values()
			.stream()
			.map(Document.class::cast)
			.map((d) -> new RequestStatus.Document(d.get("version", Number.class).intValue(), d.getString("documentId"),
					d.getString("fileName"), d.getString("mediaType"), d.get("size", Number.class).longValue(),
					d.getString("sha256"), instant(d, "attachedAt"), d.getString("attachedBy")))
			.sorted(java.util.Comparator.comparingInt(RequestStatus.Document::version))
			.toList();
		Document w = value(doc, "withdrawal", Document.class);
		RequestStatus.Withdrawal withdrawal = (w == null) ? null : new RequestStatus.Withdrawal(w.getString("reason"),
				instant(w, "requestedAt"), w.getString("requestedBy"));
		return RequestStatus.of(id, request, documents, review(doc.get("review", Document.class)), withdrawal);
	}

	private static RequestStatus.Review review(Document review) {
		if (review == null) {
			return null;
		}
		Document d = value(review, "decision", Document.class);
		RequestStatus.Decision decision = (d == null) ? null
				: new RequestStatus.Decision(d.getString("decision"), d.getString("basis"), d.getString("reason"),
						d.getString("counsel"), instant(d, "decidedAt"), d.getBoolean("amended", false));
		Date preservedUntil = value(review, "preservedUntil", Date.class);
		Date notificationDue = value(review, "userNotificationDueAt", Date.class);
		return new RequestStatus.Review(value(review, "status", String.class), decision,
				value(review, "verified", Boolean.class), value(review, "customerConsent", String.class),
				(preservedUntil == null) ? null : preservedUntil.toInstant(),
				(notificationDue == null) ? null : notificationDue.toInstant(),
				review.getList("flags", String.class, List.of()));
	}

	/** The value of a {@code {sequence, value}} field, or null. */
	private static <T> T value(Document doc, String field, Class<T> type) {
		Document versioned = doc.get(field, Document.class);
		return (versioned == null) ? null : versioned.get("value", type);
	}

	private static Instant instant(Document doc, String field) {
		Date date = doc.getDate(field);
		return (date == null) ? null : date.toInstant();
	}

	/**
	 * What one review event changes in the requester's view; null fields are left as they
	 * are.
	 *
	 * @param status the review state the event moves the request to
	 * @param flag a flag to add
	 */
	public record ReviewChange(String status, RequestStatus.Decision decision, Boolean verified, String customerConsent,
			Instant preservedUntil, Instant userNotificationDueAt, String flag) {

		public static ReviewChange status(String status) {
			return new ReviewChange(status, null, null, null, null, null, null);
		}

	}

}
