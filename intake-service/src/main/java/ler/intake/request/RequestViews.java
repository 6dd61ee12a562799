package ler.intake.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.CaseFlagged;
import ler.events.CaseWithdrawn;
import ler.events.CustomerConsentAnswered;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.DocumentAttached;
import ler.events.EventEnvelope;
import ler.events.PreservationExpired;
import ler.events.PreservationExtended;
import ler.events.PreservationStarted;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.events.RequesterVerified;
import ler.events.ReviewEvent;
import ler.events.UserNotificationDue;
import org.bson.Document;
import org.bson.conversions.Bson;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What a requester sees of a request: what was submitted and where review stands. Fed by
 * both event streams; every write is idempotent, and review events apply only in sequence
 * order.
 */
@Component
public class RequestViews {

	/** Review states after which nothing changes for the requester. */
	static final Set<String> FINAL = Set.of("DECIDED", "WITHDRAWN", "PRESERVATION_EXPIRED");

	private final MongoCollection<Document> views;

	RequestViews(MongoDatabase database) {
		this.views = database.getCollection("requests");
	}

	public Mono<Void> recordReceived(RequestReceived event) {
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
						.map((i) -> new Document("type", i.type()).append("value", i.value()))
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
			.append("submittedAt", Date.from(event.submittedAt()));
		List<Bson> updates = new ArrayList<>(
				List.of(Updates.set("request", request), Updates.max("intakeSequence", 1L)));
		if (event.document() != null) {
			updates.add(Updates.set("document", document(event.document())));
		}
		// the same event always writes the same content, so a repeat changes nothing
		return Mono
			.from(this.views.updateOne(id(event.requestId()), Updates.combine(updates),
					new UpdateOptions().upsert(true)))
			.then();
	}

	public Mono<Void> recordDocument(DocumentAttached event) {
		return Mono.from(this.views.updateOne(id(event.requestId()),
				Updates.set("document", document(event.document())), new UpdateOptions().upsert(true)))
			.then();
	}

	public Mono<Void> recordWithdrawalRequested(RequestWithdrawn event) {
		return Mono.from(this.views.updateOne(id(event.requestId()),
				Updates.set("withdrawal",
						new Document("reason", event.reason()).append("requestedAt", Date.from(event.withdrawnAt()))),
				new UpdateOptions().upsert(true)))
			.then();
	}

	/**
	 * Applies a review event if it is newer than the last one applied: read by _id, then
	 * a compare-and-set on (_id, reviewSequence), the unique index the local store can
	 * use.
	 */
	public Mono<Void> recordReview(EventEnvelope<?> envelope, ReviewEvent event) {
		Bson change = reviewChange(event);
		if (change == null) {
			return Mono.empty();
		}
		return recordReview(event.requestId().toString(), envelope.sequence(), change);
	}

	/*
	 * Read by _id, then write by _id: the local store scans for any other filter. All
	 * review events of one request come in order from one partition to one consumer, so
	 * nothing else writes the review state of this request between the read and the
	 * write.
	 */
	private Mono<Void> recordReview(String id, long sequence, Bson change) {
		Bson update = Updates.combine(change, Updates.set("reviewSequence", sequence));
		return Mono.from(this.views.find(Filters.eq("_id", id)).first())
			.map((doc) -> java.util.Optional.ofNullable(doc.get("reviewSequence", Number.class)))
			.defaultIfEmpty(java.util.Optional.empty())
			.flatMap((applied) -> (applied.isPresent() && applied.get().longValue() >= sequence) ? Mono.<Void>empty()
					: Mono.from(this.views.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true)))
						.then());
	}

	private static Bson reviewChange(ReviewEvent event) {
		if (event instanceof DecisionRecorded d) {
			String status = "SEEK_CUSTOMER_CONSENT".equals(d.decision()) ? "AWAITING_CONSENT" : "DECIDED";
			return Updates.combine(Updates.set("review.status", status), Updates.set("review.decision",
					decision(d.decision(), d.basis(), d.reason(), d.counsel(), d.decidedAt())));
		}
		if (event instanceof DecisionAmended a) {
			return Updates.combine(Updates.set("review.status", "DECIDED"), Updates.set("review.decision",
					decision(a.decision(), a.basis(), a.reason(), a.counsel(), a.amendedAt()).append("amended", true)));
		}
		if (event instanceof RequesterVerified v) {
			return v.verified() ? Updates.set("review.status", "PENDING_REVIEW")
					: Updates.set("review.verified", false);
		}
		if (event instanceof CustomerConsentAnswered c) {
			return Updates.combine(Updates.set("review.status", "PENDING_REVIEW"),
					Updates.set("review.customerConsent", c.granted() ? "GRANTED" : "REFUSED"));
		}
		if (event instanceof PreservationStarted p) {
			return Updates.combine(Updates.set("review.status", "PRESERVED"),
					Updates.set("review.preservedUntil", Date.from(p.preservedUntil())));
		}
		if (event instanceof PreservationExtended p) {
			return Updates.combine(Updates.set("review.status", "PRESERVED"),
					Updates.set("review.preservedUntil", Date.from(p.preservedUntil())));
		}
		if (event instanceof PreservationExpired) {
			return Updates.set("review.status", "PRESERVATION_EXPIRED");
		}
		if (event instanceof CaseWithdrawn) {
			return Updates.set("review.status", "WITHDRAWN");
		}
		if (event instanceof UserNotificationDue u) {
			return Updates.set("review.userNotificationDueAt", Date.from(u.at()));
		}
		if (event instanceof CaseFlagged f) {
			return Updates.addToSet("review.flags", f.flag());
		}
		return null;
	}

	/** The next sequence number for an intake event on an existing request, or empty. */
	Mono<Long> nextSequence(UUID requestId) {
		return Mono
			.from(this.views.findOneAndUpdate(id(requestId), Updates.inc("intakeSequence", 1L),
					new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> doc.get("intakeSequence", Number.class).longValue());
	}

	Mono<RequestStatus> find(UUID id) {
		return Mono.from(this.views.find(id(id)).first())
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> RequestStatus.of(id, doc));
	}

	private static Bson id(UUID requestId) {
		return Filters.eq("_id", requestId.toString());
	}

	private static Document decision(String decision, String basis, String reason, String counsel, Instant at) {
		return new Document("decision", decision).append("basis", basis)
			.append("reason", reason)
			.append("counsel", counsel)
			.append("decidedAt", Date.from(at));
	}

	private static Document document(RequestReceived.Document d) {
		return new Document("documentId", d.documentId()).append("fileName", d.fileName())
			.append("mediaType", d.mediaType())
			.append("size", d.size())
			.append("sha256", d.sha256());
	}

	private static Date date(Instant instant) {
		return (instant == null) ? null : Date.from(instant);
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/** The answer to {@code GET /api/requests/{id}}. */
	public record RequestStatus(UUID id, String status, Document request, Document document, Document review,
			Document withdrawal) {

		static RequestStatus of(UUID id, Document doc) {
			Document request = doc.get("request", Document.class);
			Document review = doc.get("review", Document.class);
			Document withdrawal = doc.get("withdrawal", Document.class);
			String reviewStatus = (review == null) ? null : review.getString("status");
			String status;
			if (reviewStatus != null && FINAL.contains(reviewStatus)) {
				status = reviewStatus;
			}
			else if (withdrawal != null) {
				status = "WITHDRAWAL_REQUESTED";
			}
			else if (reviewStatus != null) {
				status = reviewStatus;
			}
			else {
				status = Boolean.FALSE.equals(request.getBoolean("requesterVerified")) ? "VERIFICATION_PENDING"
						: "PENDING_REVIEW";
			}
			return new RequestStatus(id, status, request, doc.get("document", Document.class), review, withdrawal);
		}

		public String documentId() {
			return (this.document == null) ? null : this.document.getString("documentId");
		}

		public boolean isFinal() {
			return FINAL.contains(this.status) || "WITHDRAWAL_REQUESTED".equals(this.status);
		}

	}

}
