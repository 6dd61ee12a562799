package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.RequestReceived;
import ler.review.cases.ReviewCase.HistoryEntry;
import ler.review.cases.ReviewCase.Identifier;
import ler.review.cases.ReviewCase.RecordedDecision;
import org.bson.Document;
import org.bson.types.Binary;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Review cases, one document each. A decision and the event that announces it are written
 * in one single-document update (the event goes into the case's {@code outbox}), so no
 * crash can separate them; the relay publishes the outbox and removes what the broker
 * acknowledged.
 */
@Component
public class ReviewCases {

	private final MongoCollection<Document> cases;

	ReviewCases(MongoDatabase database) {
		this.cases = database.getCollection("cases");
		Mono.from(this.cases.createIndex(Indexes.ascending("status", "request.receivedAt")))
			.then(Mono.from(this.cases.createIndex(Indexes.ascending("outbox.eventId"))))
			.block(Duration.ofSeconds(30));
	}

	/** Opens a case for a received request; a repeated event finds it open already. */
	public Mono<Void> open(RequestReceived event, Instant now) {
		Document request = new Document("agencyName", event.agency().name()).append("country", event.agency().country())
			.append("contactEmail", event.agency().contactEmail())
			.append("service", event.service())
			.append("customerType", event.customerType())
			.append("legalProcess", event.legalProcess())
			.append("identifiers",
					event.identifiers()
						.stream()
						.map((i) -> new Document("type", i.type()).append("value", i.value()))
						.toList())
			.append("receivedAt", Date.from(event.receivedAt()))
			.append("submittedAt", Date.from(event.submittedAt()));
		Document history = history(new HistoryEntry(now, "intake-service", "REQUEST_RECEIVED",
				event.legalProcess() + " from " + event.agency().name() + " (" + event.agency().country() + ")"));
		return Mono.from(this.cases.updateOne(Filters.eq("_id", event.requestId().toString()),
				Updates.combine(Updates.setOnInsert("status", CaseStatus.PENDING.name()),
						Updates.setOnInsert("request", request), Updates.setOnInsert("openedAt", Date.from(now)),
						Updates.setOnInsert("history", List.of(history)), Updates.setOnInsert("version", 0L),
						Updates.setOnInsert("eventSequence", 0L), Updates.setOnInsert("outbox", List.of())),
				new UpdateOptions().upsert(true)))
			.then();
	}

	public Mono<ReviewCase> find(UUID requestId) {
		return Mono.from(this.cases.find(Filters.eq("_id", requestId.toString())).first()).map(ReviewCases::toCase);
	}

	/** Open cases of one status, oldest received first. */
	public Flux<ReviewCase> queue(CaseStatus status, int limit) {
		return Flux
			.from(this.cases.find(Filters.eq("status", status.name()))
				.sort(Sorts.ascending("request.receivedAt", "_id"))
				.limit(limit))
			.map(ReviewCases::toCase);
	}

	/**
	 * Saves the case as decided together with its event, if nobody changed the case since
	 * it was read.
	 * @return false when the case moved on in the meantime
	 */
	public Mono<Boolean> saveDecision(ReviewCase decided, UUID eventId, byte[] event) {
		RecordedDecision decision = decided.decision();
		HistoryEntry latest = decided.history().get(decided.history().size() - 1);
		return Mono
			.from(this.cases.updateOne(
					Filters.and(Filters.eq("_id", decided.requestId().toString()),
							Filters.eq("version", decided.version() - 1)),
					Updates.combine(Updates.set("status", decided.status().name()), Updates.set("decision",
							new Document("decision", decision.decision().name())
								.append("reason", decision.reason())
								.append("counsel", decision.counsel())
								.append("decidedAt", Date.from(decision.decidedAt()))),
							Updates.set("version", decided.version()),
							Updates.set("eventSequence", decided.eventSequence()),
							Updates.push("history", history(latest)),
							Updates.push("outbox",
									new Document("eventId", eventId.toString())
										.append("sequence", decided.eventSequence())
										.append("payload", new Binary(event))))))
			.map((result) -> result.getModifiedCount() == 1);
	}

	/** Cases with events not yet acknowledged by the broker. */
	public Flux<UUID> withUnpublishedEvents(int limit) {
		return Flux
			.from(this.cases.find(Filters.exists("outbox.eventId")).projection(new Document("_id", 1)).limit(limit))
			.map((doc) -> UUID.fromString(doc.getString("_id")));
	}

	public Mono<List<OutboxEntry>> outbox(UUID requestId) {
		return Mono.from(
				this.cases.find(Filters.eq("_id", requestId.toString())).projection(new Document("outbox", 1)).first())
			.map((doc) -> doc.getList("outbox", Document.class, List.of())
				.stream()
				.map((entry) -> new OutboxEntry(requestId, UUID.fromString(entry.getString("eventId")),
						entry.get("sequence", Number.class).longValue(), entry.get("payload", Binary.class).getData()))
				.sorted(java.util.Comparator.comparingLong(OutboxEntry::sequence))
				.toList());
	}

	public Mono<Void> published(OutboxEntry entry) {
		return Mono.from(this.cases.updateOne(Filters.eq("_id", entry.requestId().toString()),
				Updates.pull("outbox", new Document("eventId", entry.eventId().toString()))))
			.then();
	}

	public record OutboxEntry(UUID requestId, UUID eventId, long sequence, byte[] payload) {
	}

	private static Document history(HistoryEntry entry) {
		return new Document("at", Date.from(entry.at())).append("actor", entry.actor())
			.append("action", entry.action())
			.append("detail", entry.detail());
	}

	private static ReviewCase toCase(Document doc) {
		Document request = doc.get("request", Document.class);
		Document decision = doc.get("decision", Document.class);
		return new ReviewCase(UUID.fromString(doc.getString("_id")), CaseStatus.valueOf(doc.getString("status")),
				new ReviewCase.Request(request.getString("agencyName"), request.getString("country"),
						request.getString("contactEmail"), request.getString("service"),
						request.getString("customerType"), request.getString("legalProcess"),
						request.getList("identifiers", Document.class)
							.stream()
							.map((i) -> new Identifier(i.getString("type"), i.getString("value")))
							.toList(),
						request.getDate("receivedAt").toInstant(), request.getDate("submittedAt").toInstant()),
				doc.getDate("openedAt").toInstant(),
				(decision == null) ? null
						: new RecordedDecision(Decision.valueOf(decision.getString("decision")),
								decision.getString("reason"), decision.getString("counsel"),
								decision.getDate("decidedAt").toInstant()),
				doc.getList("history", Document.class)
					.stream()
					.map((h) -> new HistoryEntry(h.getDate("at").toInstant(), h.getString("actor"),
							h.getString("action"), h.getString("detail")))
					.toList(),
				doc.get("version", Number.class).longValue(), doc.get("eventSequence", Number.class).longValue());
	}

}
