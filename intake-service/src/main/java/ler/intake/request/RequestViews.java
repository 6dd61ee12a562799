package ler.intake.request;

import java.util.Date;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.DecisionRecorded;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * What a requester sees of a request: what was submitted and the decision once recorded.
 * Fed by both event streams; every write is idempotent and a decision may arrive before
 * its request.
 */
@Component
public class RequestViews {

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
			.append("legalProcess", event.legalProcess())
			.append("identifiers",
					event.identifiers()
						.stream()
						.map((i) -> new Document("type", i.type()).append("value", i.value()))
						.toList())
			.append("receivedAt", Date.from(event.receivedAt()))
			.append("submittedAt", Date.from(event.submittedAt()));
		// the same event always writes the same content, so a repeat changes nothing
		return Mono.from(this.views.updateOne(Filters.eq("_id", event.requestId().toString()),
				Updates.set("request", request), new UpdateOptions().upsert(true)))
			.then();
	}

	public Mono<Void> recordDecision(EventEnvelope<?> envelope, DecisionRecorded event) {
		Document decision = new Document("decision", event.decision()).append("reason", event.reason())
			.append("counsel", event.counsel())
			.append("decidedAt", Date.from(event.decidedAt()));
		// only a later decision replaces an earlier one; "$lt" alone would not match a
		// missing field
		return Mono
			.from(this.views.updateOne(
					Filters.and(Filters.eq("_id", event.requestId().toString()),
							Filters.or(Filters.exists("decisionSequence", false),
									Filters.lt("decisionSequence", envelope.sequence()))),
					Updates.combine(Updates.set("decision", decision),
							Updates.set("decisionSequence", envelope.sequence())),
					new UpdateOptions().upsert(true)))
			.then()
			.onErrorResume(RequestViews::isDuplicateKey, (ex) -> Mono.empty());
	}

	Mono<RequestStatus> find(UUID id) {
		return Mono.from(this.views.find(Filters.eq("_id", id.toString())).first())
			.filter((doc) -> doc.containsKey("request"))
			.map((doc) -> RequestStatus.of(id, doc));
	}

	private static boolean isDuplicateKey(Throwable ex) {
		return ex instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
	}

	/** The answer to {@code GET /api/requests/{id}}. */
	public record RequestStatus(UUID id, String status, Object request, Object decision) {

		static RequestStatus of(UUID id, Document doc) {
			Document decision = doc.get("decision", Document.class);
			Document request = doc.get("request", Document.class);
			request.remove("_id");
			return new RequestStatus(id, (decision == null) ? "PENDING_REVIEW" : "DECIDED", request, decision);
		}

	}

}
