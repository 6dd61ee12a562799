package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.review.cases.ReviewCase.Document;
import ler.review.cases.ReviewCase.HistoryEntry;
import ler.review.cases.ReviewCase.Identifier;
import ler.review.cases.ReviewCase.Link;
import ler.review.cases.ReviewCase.RecordedDecision;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Review cases, one document each. A change and the events that announce it are one
 * versioned transition: the insert of {@code case_transitions/<case>|<version>} (its
 * unique _id is the compare-and-set) holding the whole new state, events in the outbox
 * included, then the same state set on the case. Whoever reads a case with a transition
 * ahead of it applies that first, so a crash between the two writes is healed, never
 * lost. Every write goes by _id alone: the local store uses no other index for updates
 * (ADR 5). The relay publishes the outbox and removes what the broker acknowledged.
 */
@Component
public class ReviewCases {

	private final MongoCollection<org.bson.Document> cases;

	private final MongoCollection<org.bson.Document> transitions;

	ReviewCases(MongoDatabase database) {
		this.cases = database.getCollection("cases");
		this.transitions = database.getCollection("case_transitions");
		Mono.from(this.cases.createIndex(Indexes.ascending("status", "priority", "request.receivedAt")))
			.then(Mono.from(this.cases.createIndex(Indexes.ascending("outbox.eventId"))))
			.block(Duration.ofSeconds(30));
	}

	/**
	 * Opens a case; a repeated event finds it open already.
	 * @return true when this call opened it
	 */
	public Mono<Boolean> open(ReviewCase opened) {
		org.bson.Document doc = toDocument(opened);
		List<Bson> inserts = new ArrayList<>();
		doc.forEach((field, value) -> {
			if (!field.equals("_id")) {
				inserts.add(Updates.setOnInsert(field, value));
			}
		});
		inserts.add(Updates.setOnInsert("outbox", List.of()));
		return Mono
			.from(this.cases.updateOne(id(opened.requestId()), Updates.combine(inserts),
					new UpdateOptions().upsert(true)))
			.map((result) -> result.getUpsertedId() != null);
	}

	public Mono<ReviewCase> find(UUID requestId, Instant now) {
		return current(requestId).map((doc) -> toCase(doc, now));
	}

	/** The stored case, after applying a transition a crashed writer left ahead of it. */
	private Mono<org.bson.Document> current(UUID requestId) {
		return Mono.from(this.cases.find(id(requestId)).first()).flatMap((doc) -> {
			long next = doc.get("version", Number.class).longValue() + 1;
			return Mono.from(this.transitions.find(Filters.eq("_id", requestId + "|" + next)).first())
				.flatMap((transition) -> Mono
					.from(this.cases.updateOne(id(requestId),
							new org.bson.Document("$set", transition.get("state", org.bson.Document.class))))
					.then(current(requestId)))
				.defaultIfEmpty(doc);
		});
	}

	/** Cases in the given states, emergencies first, then oldest received first. */
	public Flux<ReviewCase> queue(Collection<CaseStatus> statuses, boolean overdueOnly, Instant now, int limit) {
		Bson filter = Filters.in("status", statuses.stream().map(Enum::name).toList());
		if (overdueOnly) {
			filter = Filters.and(filter, Filters.lt("dueAt", Date.from(now)));
		}
		return Flux
			.from(this.cases.find(filter)
				.sort(Sorts.ascending("priority", "request.receivedAt", "_id"))
				.limit(limit)
				.projection(new org.bson.Document("outbox", 0)))
			.map((doc) -> toCase(doc, now));
	}

	/**
	 * Saves a change with its events, if nobody changed the case since it was read.
	 * @return false when the case moved on in the meantime
	 */
	public Mono<Boolean> save(ReviewCase before, ReviewCase after, List<OutboxEntry> events) {
		return current(before.requestId()).flatMap((stored) -> {
			if (stored.get("version", Number.class).longValue() != before.version()) {
				return Mono.just(false);
			}
			org.bson.Document state = toDocument(after);
			state.remove("_id");
			List<org.bson.Document> outbox = new ArrayList<>(
					stored.getList("outbox", org.bson.Document.class, List.of()));
			events.forEach((e) -> outbox
				.add(new org.bson.Document("eventId", e.eventId().toString()).append("sequence", e.sequence())
					.append("payload", new Binary(e.payload()))
					.append("createdAt", new Date())));
			state.append("outbox", outbox);
			return transition(before.requestId(), after.version(), state);
		});
	}

	/** The compare-and-set: whoever inserts the transition to {@code version} owns it. */
	private Mono<Boolean> transition(UUID requestId, long version, org.bson.Document state) {
		return Mono
			.from(this.transitions
				.insertOne(new org.bson.Document("_id", requestId + "|" + version).append("state", state)
					.append("at", new Date())))
			.then(Mono.from(this.cases.updateOne(id(requestId), new org.bson.Document("$set", state))))
			.thenReturn(true)
			.onErrorResume(ReviewCases::isDuplicateKey, (ex) -> Mono.just(false));
	}

	/**
	 * Links a case to another about the same identifiers; repeating it changes nothing.
	 */
	public Mono<Boolean> link(UUID caseId, Link link, HistoryEntry entry, boolean formalProcessArrived) {
		return amend(caseId, (doc) -> {
			List<org.bson.Document> links = new ArrayList<>(doc.getList("links", org.bson.Document.class, List.of()));
			if (links.stream().anyMatch((l) -> link.requestId().toString().equals(l.getString("requestId")))) {
				return false;
			}
			links.add(new org.bson.Document("requestId", link.requestId().toString()).append("relation",
					link.relation()));
			doc.put("links", links);
			appendHistory(doc, entry);
			if (formalProcessArrived) {
				doc.put("formalProcessDueAt", null);
			}
			return true;
		});
	}

	/**
	 * Records a document attached after the request; the same document again changes
	 * nothing.
	 */
	public Mono<Void> attachDocument(UUID requestId, Document document, HistoryEntry entry) {
		return amend(requestId, (doc) -> {
			org.bson.Document request = doc.get("request", org.bson.Document.class);
			org.bson.Document held = request.get("document", org.bson.Document.class);
			if (held != null && document.sha256().equals(held.getString("sha256"))) {
				return false;
			}
			request.put("document", document(document));
			appendHistory(doc, entry);
			return true;
		}).then();
	}

	/** A small change to the stored case, made a versioned transition like any other. */
	private Mono<Boolean> amend(UUID caseId, Predicate<org.bson.Document> change) {
		return current(caseId).flatMap((doc) -> {
			if (!change.test(doc)) {
				return Mono.just(false);
			}
			long version = doc.get("version", Number.class).longValue() + 1;
			doc.put("version", version);
			doc.remove("_id");
			return transition(caseId, version, doc).flatMap((saved) -> saved ? Mono.just(true) : amend(caseId, change));
		});
	}

	private static void appendHistory(org.bson.Document doc, HistoryEntry entry) {
		List<org.bson.Document> history = new ArrayList<>(doc.getList("history", org.bson.Document.class, List.of()));
		history.add(history(entry));
		doc.put("history", history);
	}

	/**
	 * Cases with events not acknowledged by the broker and older than {@code olderThan}:
	 * what a crash or an outage left behind, not what is being published right now (a
	 * rare full scan).
	 */
	public Flux<UUID> withUnpublishedEvents(Instant olderThan, int limit) {
		return Flux
			.from(this.cases.find(Filters.lt("outbox.createdAt", Date.from(olderThan)))
				.projection(new org.bson.Document("_id", 1))
				.limit(limit))
			.map((doc) -> UUID.fromString(doc.getString("_id")));
	}

	public Mono<List<OutboxEntry>> outbox(UUID requestId) {
		return current(requestId).map((doc) -> doc.getList("outbox", org.bson.Document.class, List.of())
			.stream()
			.map((entry) -> new OutboxEntry(requestId, UUID.fromString(entry.getString("eventId")),
					entry.get("sequence", Number.class).longValue(), entry.get("payload", Binary.class).getData()))
			.sorted(Comparator.comparingLong(OutboxEntry::sequence))
			.toList());
	}

	/**
	 * Removes a published event from the outbox (by _id: a re-applied transition may put
	 * it back, harmlessly).
	 */
	public Mono<Void> published(OutboxEntry entry) {
		return Mono.from(this.cases.updateOne(id(entry.requestId()),
				Updates.pull("outbox", new org.bson.Document("eventId", entry.eventId().toString()))))
			.then();
	}

	public record OutboxEntry(UUID requestId, UUID eventId, long sequence, byte[] payload) {
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	private static Bson id(UUID requestId) {
		return Filters.eq("_id", requestId.toString());
	}

	static org.bson.Document toDocument(ReviewCase c) {
		ReviewCase.Request r = c.request();
		RecordedDecision d = c.decision();
		return new org.bson.Document("_id", c.requestId().toString()).append("status", c.status().name())
			.append("request",
					new org.bson.Document("agencyName", r.agencyName()).append("country", r.country())
						.append("contactEmail", r.contactEmail())
						.append("service", r.service())
						.append("customerType", r.customerType())
						.append("enterpriseCustomer", r.enterpriseCustomer())
						.append("legalProcess", r.legalProcess())
						.append("identifiers",
								r.identifiers()
									.stream()
									.map((i) -> new org.bson.Document("type", i.type()).append("value", i.value()))
									.toList())
						.append("dataCategories", r.dataCategories())
						.append("emergencyJustification", r.emergencyJustification())
						.append("nondisclosureUntil", date(r.nondisclosureUntil()))
						.append("requesterVerified", r.requesterVerified())
						.append("document", (r.document() == null) ? null : document(r.document()))
						.append("receivedAt", date(r.receivedAt()))
						.append("submittedAt", date(r.submittedAt())))
			.append("openedAt", date(c.openedAt()))
			.append("dueAt", date(c.dueAt()))
			.append("priority", c.priority())
			.append("decision",
					(d == null) ? null
							: new org.bson.Document("decision", d.decision().name()).append("basis", d.basis())
								.append("contractualArrangement", d.contractualArrangement())
								.append("reason", d.reason())
								.append("counsel", d.counsel())
								.append("decidedAt", date(d.decidedAt()))
								.append("amended", d.amended()))
			.append("consent", c.consent())
			.append("preservedUntil", date(c.preservedUntil()))
			.append("preservationExtended", c.preservationExtended())
			.append("formalProcessDueAt", date(c.formalProcessDueAt()))
			.append("userNotificationDueAt", date(c.userNotificationDueAt()))
			.append("flags", List.copyOf(c.flags()))
			.append("links",
					c.links()
						.stream()
						.map((l) -> new org.bson.Document("requestId", l.requestId().toString()).append("relation",
								l.relation()))
						.toList())
			.append("history", c.history().stream().map(ReviewCases::history).toList())
			.append("version", c.version())
			.append("eventSequence", c.eventSequence());
	}

	private static org.bson.Document document(Document d) {
		return new org.bson.Document("documentId", d.documentId()).append("fileName", d.fileName())
			.append("mediaType", d.mediaType())
			.append("size", d.size())
			.append("sha256", d.sha256());
	}

	private static org.bson.Document history(HistoryEntry entry) {
		return new org.bson.Document("at", date(entry.at())).append("actor", entry.actor())
			.append("action", entry.action())
			.append("detail", entry.detail());
	}

	static ReviewCase toCase(org.bson.Document doc, Instant now) {
		org.bson.Document request = doc.get("request", org.bson.Document.class);
		org.bson.Document decision = doc.get("decision", org.bson.Document.class);
		org.bson.Document document = request.get("document", org.bson.Document.class);
		CaseStatus status = CaseStatus.valueOf(doc.getString("status"));
		Instant dueAt = instant(doc.getDate("dueAt"));
		return new ReviewCase(UUID.fromString(doc.getString("_id")), status,
				new ReviewCase.Request(request.getString("agencyName"), request.getString("country"),
						request.getString("contactEmail"), request.getString("service"),
						request.getString("customerType"), request.getString("enterpriseCustomer"),
						request.getString("legalProcess"),
						request.getList("identifiers", org.bson.Document.class)
							.stream()
							.map((i) -> new Identifier(i.getString("type"), i.getString("value")))
							.toList(),
						request.getList("dataCategories", String.class), request.getString("emergencyJustification"),
						instant(request.getDate("nondisclosureUntil")), request.getBoolean("requesterVerified", true),
						(document == null) ? null
								: new Document(document.getString("documentId"), document.getString("fileName"),
										document.getString("mediaType"), document.get("size", Number.class).longValue(),
										document.getString("sha256")),
						instant(request.getDate("receivedAt")), instant(request.getDate("submittedAt"))),
				instant(doc.getDate("openedAt")), dueAt, doc.get("priority", Number.class).intValue(),
				(decision == null) ? null
						: new RecordedDecision(Decision.valueOf(decision.getString("decision")),
								decision.getString("basis"), decision.getString("contractualArrangement"),
								decision.getString("reason"), decision.getString("counsel"),
								instant(decision.getDate("decidedAt")), decision.getBoolean("amended", false)),
				doc.getString("consent"), instant(doc.getDate("preservedUntil")),
				doc.getBoolean("preservationExtended", false), instant(doc.getDate("formalProcessDueAt")),
				instant(doc.getDate("userNotificationDueAt")),
				new java.util.TreeSet<>(doc.getList("flags", String.class, List.of())),
				doc.getList("links", org.bson.Document.class, List.of())
					.stream()
					.map((l) -> new Link(UUID.fromString(l.getString("requestId")), l.getString("relation")))
					.toList(),
				doc.getList("history", org.bson.Document.class)
					.stream()
					.map((h) -> new HistoryEntry(instant(h.getDate("at")), h.getString("actor"), h.getString("action"),
							h.getString("detail")))
					.toList(),
				status.awaitsCounsel() && dueAt != null && dueAt.isBefore(now),
				doc.get("version", Number.class).longValue(), doc.get("eventSequence", Number.class).longValue());
	}

	private static Date date(Instant instant) {
		return (instant == null) ? null : Date.from(instant);
	}

	private static Instant instant(Date date) {
		return (date == null) ? null : date.toInstant();
	}

}
