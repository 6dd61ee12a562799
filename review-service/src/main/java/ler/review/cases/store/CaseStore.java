package ler.review.cases.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoCollection;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.platform.mongo.InsertMany;
import ler.review.cases.model.CaseEvent;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.Decision;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.model.ReviewCase.ConsentEvidence;
import ler.review.cases.model.ReviewCase.ConsentMethod;
import ler.review.cases.model.ReviewCase.Document;
import ler.review.cases.model.ReviewCase.DocumentVersion;
import ler.review.cases.model.ReviewCase.HistoryEntry;
import ler.review.cases.model.ReviewCase.Identifier;
import ler.review.cases.model.ReviewCase.Link;
import ler.review.cases.model.ReviewCase.Proposal;
import ler.review.cases.model.ReviewCase.RecordedDecision;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.annotation.Autowired;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Review cases, one document each: the state, the case's own events (the source of truth
 * the state is folded from) and the outbox of contract events still to publish. A change
 * is one compare-and-set on the case: the update of {@code cases/<case>} at the version
 * read, to the whole new state at the next version (ADR 16); of two writers from the same
 * version exactly one matches. Every write goes by _id (the local store finds a query's
 * _id in its index whatever else the query names). The relay publishes the outbox and
 * removes what the broker acknowledged. A case last saved before ADR 16 (no
 * {@code commit: in-place}) may have a transition
 * ({@code case_transitions/<case>|<version>}) that a crashed writer left ahead of it:
 * reading it applies that first, as then.
 */
@Component
public class CaseStore {

	/** Case events as stored: JSON of the record, plus its simple class name as type. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@SuppressWarnings("unchecked")
	private static final Map<String, Class<? extends CaseEvent>> EVENT_TYPES = Arrays
		.stream(CaseEvent.class.getPermittedSubclasses())
		.collect(Collectors.toMap(Class::getSimpleName, (c) -> (Class<? extends CaseEvent>) c));

	private static final Logger log = LoggerFactory.getLogger(CaseStore.class);

	/**
	 * The field, and its value, of a case whose saves are compare-and-sets on the case
	 * itself (ADR 16): no transition can be ahead of it.
	 */
	static final String COMMIT = "commit";

	static final String IN_PLACE = "in-place";

	private final MongoCollection<org.bson.Document> cases;

	private final MongoCollection<org.bson.Document> transitions;

	private final CaseQueue queue;

	private final MongoCollection<org.bson.Document> meta;

	private final AuditChain auditChain;

	/** A store whose broken audit chains are logged but not exported (tests, tools). */
	public CaseStore(MongoDatabase database) {
		this(database, new AuditChain());
	}

	/**
	 * @param auditChain seals each history entry when first stored and checks the chain
	 * on every read
	 */
	@Autowired
	public CaseStore(MongoDatabase database, AuditChain auditChain) {
		this(database, CaseQueue.PAGE_SIZE, auditChain);
	}

	/** With queue pages of the given size (tests make them small, to split often). */
	CaseStore(MongoDatabase database, int queuePageSize) {
		this(database, queuePageSize, new AuditChain());
	}

	private CaseStore(MongoDatabase database, int queuePageSize, AuditChain auditChain) {
		this.auditChain = auditChain;
		this.cases = database.getCollection("cases");
		this.transitions = database.getCollection("case_transitions");
		this.meta = database.getCollection("queue_meta");
		this.queue = new CaseQueue(database, queuePageSize);
		// the overdue queue still asks the cases themselves (real MongoDB: this index)
		Mono.from(this.cases.createIndex(Indexes.ascending("status", "priority", "request.receivedAt", "_id")))
			.then(Mono.from(this.cases.createIndex(Indexes.ascending("outbox.eventId"))))
			.then(indexCasesStoredBeforeTheQueue())
			.block(Duration.ofMinutes(30));
	}

	/**
	 * Cases stored before the queue's index existed get their pointer, once (a full scan,
	 * then a marker). Safe beside writers: a pointer added here for a state the case has
	 * just left is stale, and readers skip it.
	 */
	private Mono<Void> indexCasesStoredBeforeTheQueue() {
		return Mono.from(this.meta.find(Filters.eq("_id", "indexed")).first())
			.map((marker) -> true)
			.defaultIfEmpty(false)
			.flatMap((indexed) -> indexed ? Mono.empty()
					: Flux
						.from(this.cases.find(Filters.exists("queueKey", false))
							.projection(new org.bson.Document("outbox", 0).append("events", 0)))
						.concatMap((doc) -> {
							ReviewCase c = toCase(doc);
							String key = CaseQueue.key(c, "b");
							return this.queue.add(c.status().name(), key)
								// unless a save put a newer key meanwhile
								.then(Mono.from(this.cases.updateOne(
										Filters.and(id(c.requestId()), Filters.exists("queueKey", false)),
										Updates.set("queueKey", key))));
						})
						.then(Mono.from(this.meta.updateOne(Filters.eq("_id", "indexed"), Updates.set("at", new Date()),
								new UpdateOptions().upsert(true))))
						.then());
	}

	/**
	 * Opens a case unless it is open already, and returns the case as it is then (a
	 * repeated event finds it open). The lookup and the queue's pointer go out together:
	 * a new case has its pointer before it is stored (a crash in between leaves a stale
	 * pointer, never a case the queue misses); a case found open keeps its own pointer,
	 * and the one added for nothing is taken away again when it is not the case's own.
	 */
	public Mono<ReviewCase> openOrFind(ReviewCase opened, List<CaseEvent> events) {
		return openOrFindAll(List.of(new Opening(opened, events))).map((states) -> states.get(0));
	}

	/** A case to open: as it is when opened, and the events that open it. */
	public record Opening(ReviewCase opened, List<CaseEvent> events) {
	}

	/**
	 * Opens many cases as {@link #openOrFind} opens one, with a constant number of writes
	 * for the lot: the queue's pointers (one write per queue page they go to) and one
	 * lookup of which exist go out together, then the new cases are inserted at once
	 * (unordered). A case found open, or opened meanwhile by someone else, is carried on
	 * with as stored, keeping its own pointer. A failure may leave some opened and some
	 * not; opening them again (any way) finishes the rest.
	 * @param openings at most one per case
	 * @return the cases as they are then, in the order given
	 */
	public Mono<List<ReviewCase>> openOrFindAll(List<Opening> openings) {
		if (openings.isEmpty()) {
			return Mono.just(List.of());
		}
		Map<String, List<String>> keysByLane = new java.util.LinkedHashMap<>();
		List<String> ids = new ArrayList<>();
		// the same key for every opener: a repeat adds nothing
		List<String> keys = new ArrayList<>();
		for (Opening opening : openings) {
			String key = CaseQueue.key(opening.opened(), "o");
			keys.add(key);
			keysByLane.computeIfAbsent(opening.opened().status().name(), (lane) -> new ArrayList<>()).add(key);
			ids.add(opening.opened().requestId().toString());
		}
		Mono<Void> pointers = Flux.fromIterable(keysByLane.entrySet())
			.concatMap((lane) -> this.queue.addAll(lane.getKey(), lane.getValue()))
			.then();
		Mono<java.util.Set<String>> existing = Flux
			.from(this.cases.find(Filters.in("_id", ids)).projection(new org.bson.Document("_id", 1)))
			.map((doc) -> doc.getString("_id"))
			.collect(java.util.HashSet::new, java.util.Set::add);
		return Mono.zip(existing, pointers.thenReturn(true)).flatMap((found) -> {
			List<Integer> fresh = new ArrayList<>();
			for (int i = 0; i < openings.size(); i++) {
				if (!found.getT1().contains(ids.get(i))) {
					fresh.add(i);
				}
			}
			return insertAll(openings, keys, fresh).map((raced) -> {
				java.util.Set<Integer> carryOn = new java.util.TreeSet<>(raced);
				for (int i = 0; i < openings.size(); i++) {
					if (found.getT1().contains(ids.get(i))) {
						carryOn.add(i);
					}
				}
				return carryOn;
			});
		}).flatMap((carryOn) -> Flux.fromIterable(carryOn).concatMap((i) -> {
			ReviewCase opened = openings.get(i).opened();
			return find(opened.requestId())
				.flatMap((stored) -> keepOwnPointer(stored, opened.status().name(), keys.get(i)))
				.map((state) -> Map.entry(i, state));
		}).collectMap(Map.Entry::getKey, Map.Entry::getValue).map((carriedOn) -> {
			List<ReviewCase> states = new ArrayList<>();
			for (int i = 0; i < openings.size(); i++) {
				states.add(carriedOn.getOrDefault(i, openings.get(i).opened()));
			}
			return states;
		}));
	}

	/**
	 * Inserts the new cases at the given indexes at once.
	 * @return the indexes of those someone else opened first
	 */
	private Mono<List<Integer>> insertAll(List<Opening> openings, List<String> keys, List<Integer> indexes) {
		if (indexes.isEmpty()) {
			return Mono.just(List.of());
		}
		List<org.bson.Document> docs = indexes.stream().map((i) -> {
			Opening opening = openings.get(i);
			return toDocument(opening.opened()).append("version", 0L)
				.append("events", events(opening.events()))
				.append("queueKey", keys.get(i))
				.append("outbox", List.of())
				.append(COMMIT, IN_PLACE);
		}).toList();
		return InsertMany.duplicates(this.cases, docs).map((existing) -> existing.stream().map(indexes::get).toList());
	}

	private Mono<ReviewCase> keepOwnPointer(StoredCase stored, String lane, String key) {
		if (key.equals(stored.read().document().getString("queueKey"))) {
			return Mono.just(stored.state());
		}
		// the case moved on since it was opened (or was indexed at start): the pointer
		// just added is stale
		return this.queue.remove(lane, key).thenReturn(stored.state());
	}

	/** The case as stored, with the version a {@link #save} must name; empty if none. */
	public Mono<StoredCase> find(UUID requestId) {
		return current(requestId).map((doc) -> new StoredCase(toCase(doc), doc.get("version", Number.class).longValue(),
				outbox(requestId, doc), new StoredCase.Read(doc)));
	}

	/** A case's own events, oldest first, from which its state is folded. */
	public Mono<List<CaseEvent>> events(UUID requestId) {
		return current(requestId).map(CaseStore::events);
	}

	/**
	 * The stored case; for a case last saved before ADR 16, after applying a transition a
	 * crashed writer left ahead of it. The transition goes in only over the version it
	 * follows: a reader that saw the case before someone else healed and changed it must
	 * not put the older state back (no transition is kept of the newer one).
	 */
	private Mono<org.bson.Document> current(UUID requestId) {
		return Mono.from(this.cases.find(id(requestId)).first()).flatMap((doc) -> {
			if (IN_PLACE.equals(doc.getString(COMMIT))) {
				return Mono.just(doc);
			}
			long version = doc.get("version", Number.class).longValue();
			return Mono.from(this.transitions.find(Filters.eq("_id", requestId + "|" + (version + 1))).first())
				.flatMap((transition) -> Mono
					.from(this.cases.updateOne(Filters.and(id(requestId), Filters.eq("version", version)),
							new org.bson.Document("$set", transition.get("state", org.bson.Document.class))))
					.then(current(requestId)))
				.defaultIfEmpty(doc);
		});
	}

	/**
	 * Cases in the given states, emergencies first, then oldest received first. Read
	 * through the queue's index (a few pages and one lookup of the cases by _id per
	 * {@code limit} cases, whatever the number of cases); the overdue view asks the cases
	 * themselves.
	 */
	public Flux<ReviewCase> queue(Collection<CaseStatus> statuses, boolean overdueOnly, Instant now, int limit) {
		if (overdueOnly) {
			// an amendment awaiting approval is of a case already answered: never overdue
			Bson filter = Filters.and(Filters.in("status", statuses.stream().map(Enum::name).toList()),
					Filters.lt("dueAt", Date.from(now)),
					Filters.or(Filters.ne("status", CaseStatus.AWAITING_APPROVAL.name()),
							Filters.eq("proposal.kind", ReviewCase.ProposalKind.DECISION.name())));
			return Flux
				.from(this.cases.find(filter)
					.sort(Sorts.ascending("priority", "request.receivedAt", "_id"))
					.limit(limit)
					.projection(new org.bson.Document("outbox", 0).append("events", 0)))
				.map(this::toCase);
		}
		List<Flux<Pointer>> lanes = statuses.stream()
			.distinct()
			.map((status) -> this.queue.keys(status.name()).map((key) -> new Pointer(status, key)))
			.toList();
		@SuppressWarnings("unchecked")
		Flux<Pointer>[] sources = lanes.toArray(Flux[]::new);
		return Flux.mergeComparing(Comparator.comparing(Pointer::key), sources)
			.buffer(limit)
			.concatMap((batch) -> Flux
				.from(this.cases.find(Filters.in("_id", batch.stream().map((p) -> p.caseId().toString()).toList()))
					.projection(new org.bson.Document("outbox", 0).append("events", 0)))
				.collectMap((doc) -> doc.getString("_id"))
				.flatMapIterable((found) -> batch.stream()
					.map((p) -> Optional.ofNullable(found.get(p.caseId().toString()))
						.map(this::toCase)
						// a pointer left by a change that never happened, or not yet
						// tidied after the case moved on
						.filter((c) -> c.status() == p.status()))
					.flatMap(Optional::stream)
					.toList()))
			// a case may have a stale pointer beside its own: once, and only after the
			// stale one was dropped (it may sort first)
			.distinct(ReviewCase::requestId)
			.take(limit);
	}

	/** A pointer read from the lane of a state. */
	private record Pointer(CaseStatus status, String key) {

		UUID caseId() {
			return CaseQueue.caseOf(this.key);
		}

	}

	/**
	 * Saves a change: the new state, the events that made it and the contract events to
	 * publish, if nobody changed the case since it was read at {@code version}.
	 * @param now when the change is made (the outbox entries' age, for the relay's sweep)
	 * @return false when the case moved on in the meantime
	 */
	public Mono<Boolean> save(long version, ReviewCase after, List<CaseEvent> changes, List<OutboxEntry> events,
			Instant now) {
		return current(after.requestId()).flatMap((stored) -> {
			if (stored.get("version", Number.class).longValue() != version) {
				return Mono.just(false);
			}
			return save(stored, version, after, changes, events, now);
		});
	}

	/**
	 * Saves a change to the case as {@link #find} read it, without reading it again: the
	 * version read is the compare-and-set all the same. An outbox entry the relay removed
	 * since the read comes back with the new state and is published again (ADR 3:
	 * consumers drop repeats).
	 * @return false when the case moved on in the meantime
	 */
	public Mono<Boolean> save(StoredCase read, ReviewCase after, List<CaseEvent> changes, List<OutboxEntry> events,
			Instant now) {
		return save(read.read().document(), read.version(), after, changes, events, now);
	}

	private Mono<Boolean> save(org.bson.Document stored, long version, ReviewCase after, List<CaseEvent> changes,
			List<OutboxEntry> events, Instant now) {
		org.bson.Document state = toDocument(after);
		state.remove("_id");
		// the stored events as they are, the new ones after them
		List<org.bson.Document> all = new ArrayList<>(stored.getList("events", org.bson.Document.class, List.of()));
		all.addAll(events(changes));
		state.append("version", version + 1).append("events", all);
		List<org.bson.Document> outbox = new ArrayList<>(stored.getList("outbox", org.bson.Document.class, List.of()));
		events.forEach((e) -> outbox
			.add(new org.bson.Document("eventId", e.eventId().toString()).append("sequence", e.sequence())
				.append("payload", new Binary(e.payload()))
				.append("createdAt", Date.from(now))));
		state.append("outbox", outbox).append(COMMIT, IN_PLACE);
		CaseStatus was = CaseStatus.valueOf(stored.getString("status"));
		if (was == after.status()) {
			return commit(after.requestId(), version, state);
		}
		// into the new state's lane before the save, out of the old one after it:
		// a crash leaves a stale pointer, never a case the queue misses
		String key = CaseQueue.key(after, UUID.randomUUID().toString());
		String left = stored.getString("queueKey");
		state.append("queueKey", key);
		return this.queue.add(after.status().name(), key)
			.then(commit(after.requestId(), version, state))
			.flatMap((won) -> {
				Mono<Void> tidy;
				if (!won) {
					// this writer's own pointer (its token is its own): the winner's
					// stays
					tidy = this.queue.remove(after.status().name(), key);
				}
				else {
					tidy = (left != null) ? this.queue.remove(was.name(), left) : Mono.empty();
				}
				return tidy.onErrorResume((ex) -> {
					log.warn("A stale queue pointer is left behind: {}", ex.getMessage());
					return Mono.empty();
				}).thenReturn(won);
			});
	}

	/**
	 * The compare-and-set: the new state goes in only if the case is still at the version
	 * read. One update of one document, atomic on MongoDB and on the local store alike,
	 * so there is nothing a crash could leave half done.
	 * @return true if this writer's state went in, false if the case moved on
	 */
	private Mono<Boolean> commit(UUID requestId, long read, org.bson.Document state) {
		return Mono
			.from(this.cases.updateOne(Filters.and(id(requestId), Filters.eq("version", read)),
					new org.bson.Document("$set", state)))
			.map((result) -> result.getMatchedCount() == 1);
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
		return current(requestId).map((doc) -> outbox(requestId, doc));
	}

	private static List<OutboxEntry> outbox(UUID requestId, org.bson.Document doc) {
		return doc.getList("outbox", org.bson.Document.class, List.of())
			.stream()
			.map((entry) -> new OutboxEntry(requestId, UUID.fromString(entry.getString("eventId")),
					entry.get("sequence", Number.class).longValue(), entry.get("payload", Binary.class).getData()))
			.sorted(Comparator.comparingLong(OutboxEntry::sequence))
			.toList();
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

	private static Bson id(UUID requestId) {
		return Filters.eq("_id", requestId.toString());
	}

	private org.bson.Document toDocument(ReviewCase c) {
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
									.map((i) -> new org.bson.Document("type", i.type()).append("value", i.value())
										.append("key", i.key()))
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
								.append("amended", d.amended())
								.append("approvedBy", d.approvedBy()))
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
			.append("history",
					this.auditChain.sealed(c.requestId(), c.history()).stream().map(CaseStore::history).toList())
			.append("eventSequence", c.eventSequence())
			.append("proposal", proposal(c.proposal()))
			.append("consentEvidence",
					(c.consentEvidence() == null) ? null
							: new org.bson.Document("givenBy", c.consentEvidence().givenBy())
								// as a string: the instant exactly as the customer's
								// proof
								// gave it, not cut to milliseconds
								.append("givenAt", c.consentEvidence().givenAt().toString())
								.append("method", c.consentEvidence().method().name()))
			.append("documents", c.documents()
				.stream()
				.map((v) -> new org.bson.Document("version", v.version()).append("document", document(v.document()))
					.append("attachedAt", date(v.attachedAt()))
					.append("attachedBy", v.attachedBy()))
				.toList())
			.append("decidedDocumentVersion", c.decidedDocumentVersion());
	}

	private static org.bson.Document proposal(Proposal p) {
		if (p == null) {
			return null;
		}
		return new org.bson.Document("kind", p.kind().name()).append("decision", p.decision().name())
			.append("reason", p.reason())
			.append("contractualArrangement", p.contractualArrangement())
			.append("proposedBy", p.proposedBy())
			.append("proposedAt", date(p.proposedAt()))
			.append("grounds", p.grounds());
	}

	private static Proposal proposal(org.bson.Document p) {
		if (p == null) {
			return null;
		}
		return new Proposal(ReviewCase.ProposalKind.valueOf(p.getString("kind")),
				Decision.valueOf(p.getString("decision")), p.getString("reason"), p.getString("contractualArrangement"),
				p.getString("proposedBy"), instant(p.getDate("proposedAt")),
				p.getList("grounds", String.class, List.of()));
	}

	private static Document document(org.bson.Document d) {
		return new Document(d.getString("documentId"), d.getString("fileName"), d.getString("mediaType"),
				d.get("size", Number.class).longValue(), d.getString("sha256"));
	}

	private static org.bson.Document document(Document d) {
		return new org.bson.Document("documentId", d.documentId()).append("fileName", d.fileName())
			.append("mediaType", d.mediaType())
			.append("size", d.size())
			.append("sha256", d.sha256());
	}

	/** The history as stored, its hash chain checked ({@link AuditChain}). */
	private List<HistoryEntry> history(UUID requestId, List<org.bson.Document> stored) {
		List<HistoryEntry> history = stored.stream()
			.map((h) -> new HistoryEntry(instant(h.getDate("at")), h.getString("actor"), h.getString("action"),
					h.getString("detail"), h.getString("seal")))
			.toList();
		this.auditChain.verify(requestId, history);
		return history;
	}

	private static org.bson.Document history(HistoryEntry entry) {
		return new org.bson.Document("at", date(entry.at())).append("actor", entry.actor())
			.append("action", entry.action())
			.append("detail", entry.detail())
			.append("seal", entry.seal());
	}

	private ReviewCase toCase(org.bson.Document doc) {
		org.bson.Document request = doc.get("request", org.bson.Document.class);
		org.bson.Document decision = doc.get("decision", org.bson.Document.class);
		org.bson.Document document = request.get("document", org.bson.Document.class);
		CaseStatus status = CaseStatus.valueOf(doc.getString("status"));
		Instant dueAt = instant(doc.getDate("dueAt"));
		org.bson.Document evidence = doc.get("consentEvidence", org.bson.Document.class);
		List<DocumentVersion> versions;
		if (doc.containsKey("documents")) {
			versions = doc.getList("documents", org.bson.Document.class)
				.stream()
				.map((v) -> new DocumentVersion(v.get("version", Number.class).intValue(),
						document(v.get("document", org.bson.Document.class)), instant(v.getDate("attachedAt")),
						v.getString("attachedBy")))
				.toList();
		}
		else {
			// a case stored before document versions: its request's document is the one
			// it knows
			versions = (document == null) ? List.of() : List
				.of(new DocumentVersion(1, document(document), instant(request.getDate("submittedAt")), null));
		}
		Number decidedVersion = doc.get("decidedDocumentVersion", Number.class);
		UUID requestId = UUID.fromString(doc.getString("_id"));
		return new ReviewCase(requestId, status,
				new ReviewCase.Request(request.getString("agencyName"), request.getString("country"),
						request.getString("contactEmail"), request.getString("service"),
						request.getString("customerType"), request.getString("enterpriseCustomer"),
						request.getString("legalProcess"),
						request.getList("identifiers", org.bson.Document.class)
							.stream()
							.map((i) -> new Identifier(i.getString("type"), i.getString("value"),
									(i.getString("key") != null) ? i.getString("key") : i.getString("value")))
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
								instant(decision.getDate("decidedAt")), decision.getBoolean("amended", false),
								decision.getString("approvedBy")),
				doc.getString("consent"), instant(doc.getDate("preservedUntil")),
				doc.getBoolean("preservationExtended", false), instant(doc.getDate("formalProcessDueAt")),
				instant(doc.getDate("userNotificationDueAt")),
				new java.util.TreeSet<>(doc.getList("flags", String.class, List.of())),
				doc.getList("links", org.bson.Document.class, List.of())
					.stream()
					.map((l) -> new Link(UUID.fromString(l.getString("requestId")), l.getString("relation")))
					.toList(),
				history(requestId, doc.getList("history", org.bson.Document.class)),
				doc.get("eventSequence", Number.class).longValue(),
				proposal(doc.get("proposal", org.bson.Document.class)),
				(evidence == null) ? null
						: new ConsentEvidence(evidence.getString("givenBy"),
								Instant.parse(evidence.getString("givenAt")),
								ConsentMethod.valueOf(evidence.getString("method"))),
				versions, (decidedVersion == null) ? null : decidedVersion.intValue());
	}

	private static List<org.bson.Document> events(List<CaseEvent> events) {
		return events.stream()
			.map((e) -> org.bson.Document.parse(JSON.writeValueAsString(e))
				.append("type", e.getClass().getSimpleName()))
			.toList();
	}

	private static List<CaseEvent> events(org.bson.Document doc) {
		return doc.getList("events", org.bson.Document.class, List.of()).stream().map((e) -> {
			Class<? extends CaseEvent> type = EVENT_TYPES.get(e.getString("type"));
			if (type == null) {
				throw new IllegalStateException("a stored case event of unknown type " + e.getString("type"));
			}
			org.bson.Document fields = new org.bson.Document(e);
			fields.remove("type");
			return (CaseEvent) JSON.readValue(fields.toJson(), type);
		}).toList();
	}

	private static Date date(Instant instant) {
		return (instant == null) ? null : Date.from(instant);
	}

	private static Instant instant(Date date) {
		return (date == null) ? null : date.toInstant();
	}

}
