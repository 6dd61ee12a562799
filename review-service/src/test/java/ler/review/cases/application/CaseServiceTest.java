package ler.review.cases.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.ReviewEvent;
import ler.testsupport.LocalMongo;
import ler.review.cases.model.CaseCommand;
import ler.review.cases.model.CaseEvolver;
import ler.review.cases.model.CaseStatus;
import ler.review.cases.model.ReviewCase;
import ler.review.cases.store.CasePointers;
import ler.review.cases.store.AuditChain;
import ler.review.cases.store.CaseStore;
import ler.review.cases.store.OutboxEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service over the wire against the MongoDB-wire store, with a fake publisher that
 * keeps what it was given: every stored case is exactly the fold of its stored events,
 * and the published sequence of each case has no gap and no repeat.
 */
class CaseServiceTest {

	static final Instant START = Instant.parse("2012-03-20T09:30:00Z");

	MongoClient client;

	CaseStore store;

	com.mongodb.reactivestreams.client.MongoDatabase database;

	CasePointers pointers;

	CaseService service;

	final MutableClock clock = new MutableClock(START);

	final List<OutboxEntry> published = java.util.Collections.synchronizedList(new ArrayList<>());

	final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	final List<UUID> opened = new ArrayList<>();

	@BeforeEach
	void service() {
		this.client = MongoClients.create(LocalMongo.uri("x"));
		var database = this.client.getDatabase("service_" + UUID.randomUUID().toString().replace("-", ""));
		this.database = database;
		this.store = new CaseStore(database, new AuditChain(this.meters));
		this.pointers = new CasePointers(database);
		OutboxPublisher publisher = (entries) -> Flux.fromIterable(entries)
			.concatMap((entry) -> Mono.fromRunnable(() -> this.published.add(entry)).then(this.store.published(entry)))
			.then();
		this.service = new CaseService(this.store, this.pointers, publisher, new EventCodec(), this.clock,
				new ReviewProperties(Map.of("DEFAULT", Duration.ofDays(30), "EMERGENCY", Duration.ofHours(24)),
						Duration.ofDays(90), Duration.ofDays(14), Duration.ofSeconds(5), Duration.ofSeconds(1),
						Duration.ofSeconds(2)),
				this.meters);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	/**
	 * A case's history is sealed entry by entry as a hash chain when stored; any change
	 * to a stored entry, a removed or reordered entry is found on the next read and
	 * raises {@code ler.audit.chain.broken}, and a later write does not seal over it.
	 */
	@Test
	void anAlteredHistoryBreaksTheAuditChainAndIsNotSealedOver() {
		UUID id = open("SUBPOENA", "CONSUMER", true, "a@example.com");
		decide(id, "DISCLOSE_NON_CONTENT");
		UUID other = open("SUBPOENA", "CONSUMER", true, "b@example.com");
		decide(other, "DISCLOSE_NON_CONTENT");
		assertThat(this.service.find(id).block().history()).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((entry) -> assertThat(entry.seal()).hasSize(64));
		assertThat(this.meters.get("ler.audit.chain.broken").gauge().value()).isZero();

		var cases = this.database.getCollection("cases");
		// someone with access to the store rewrites who decided
		Mono.from(cases.updateOne(com.mongodb.client.model.Filters.eq("_id", id.toString()),
				com.mongodb.client.model.Updates.set("history.1.actor", "someone-else")))
			.block();
		assertThat(this.service.find(other).block()).as("an intact case reads without alarm").isNotNull();
		assertThat(this.meters.get("ler.audit.chain.broken").gauge().value()).isZero();
		this.service.find(id).block();
		assertThat(this.meters.get("ler.audit.chain.broken").gauge().value()).isEqualTo(1);

		// the next write keeps the stored seals: the break stays visible
		this.service.handle(id, new CaseCommand.Amend("REJECT", "order quashed", "c2", null)).block();
		AuditChain fresh = new AuditChain(new SimpleMeterRegistry());
		CaseStore reader = new CaseStore(this.database, fresh);
		reader.find(id).block();
		assertThat(fresh.brokenSeen()).isTrue();

		// an entry removed from the middle of another case
		AuditChain third = new AuditChain(new SimpleMeterRegistry());
		Mono.from(cases.updateOne(com.mongodb.client.model.Filters.eq("_id", other.toString()),
				com.mongodb.client.model.Updates.popFirst("history")))
			.block();
		new CaseStore(this.database, third).find(other).block();
		assertThat(third.brokenSeen()).isTrue();
	}

	@Test
	void replayingEveryCasesEventsThroughEvolveRebuildsTheStoredCase() {
		UUID subpoena = open("SUBPOENA", "CONSUMER", true, "a@example.com");
		attach(subpoena, "v1", 1);
		decide(subpoena, "DISCLOSE_NON_CONTENT");
		attach(subpoena, "v2", null);
		decide(subpoena, "REJECT", 409);
		this.service.handle(subpoena, new CaseCommand.Amend("REJECT", "order quashed", "c2", null)).block();
		approve(subpoena);

		UUID enterprise = open("SEARCH_WARRANT", "ENTERPRISE", true, "b@contoso.example");
		decide(enterprise, "SEEK_CUSTOMER_CONSENT");
		this.service.handle(enterprise, consent("signed by the CISO")).block();
		decide(enterprise, "DISCLOSE_CONTENT");
		approve(enterprise);

		UUID rejected = open("COURT_ORDER", "CONSUMER", true, "r@example.com");
		decide(rejected, "DISCLOSE_CONTENT");
		this.service.handle(rejected, new CaseCommand.Approve(false, "order does not cover mail", "senior-b")).block();
		UUID pending = open("COURT_ORDER", "CONSUMER", true, "p@example.com");
		decide(pending, "DISCLOSE_CONTENT");

		UUID preservation = open("PRESERVATION", "CONSUMER", true, "c@example.com");
		decide(preservation, "PRESERVE");
		this.service.handle(preservation, new CaseCommand.ExtendPreservation("more time", "c")).block();
		UUID warrant = open("SEARCH_WARRANT", "CONSUMER", true, "c@example.com");

		UUID emergency = open("EMERGENCY", "CONSUMER", true, "d@example.com");
		decide(emergency, "DISCLOSE_CONTENT");
		approve(emergency);
		UUID formal = open("COURT_ORDER", "CONSUMER", true, "d@example.com");
		UUID lateEmergency = open("EMERGENCY", "CONSUMER", true, "e@example.com");
		decide(lateEmergency, "DISCLOSE_CONTENT");
		approve(lateEmergency);

		UUID unverified = open("SUBPOENA", "CONSUMER", false, "f@example.com");
		this.service.handle(unverified, new CaseCommand.Verify(false, "no such officer", "c")).block();
		UUID withdrawn = open("SUBPOENA", "CONSUMER", true, "g@example.com");
		this.service.handle(withdrawn, new CaseCommand.Withdraw("served in error")).block();
		this.service.handle(subpoena, new CaseCommand.Withdraw("too late")).block();
		UUID forgotten = open("MLAT", "CONSUMER", true, "h@example.com");

		// half a year later: the preservation expired, the late emergency is flagged, the
		// forgotten MLAT is overdue
		this.clock.now = START.plus(Duration.ofDays(200));
		this.pointers.dueBy(this.clock.instant(), 100).concatMap(this.service::tick).blockLast();

		assertThat(this.service.find(warrant).block().links()).extracting(ReviewCase.Link::relation)
			.containsExactly("FOLLOWS_PRESERVATION");
		assertThat(this.service.find(preservation).block().links()).extracting(ReviewCase.Link::relation)
			.containsExactly("FOLLOWED_BY");
		assertThat(this.service.find(preservation).block().status()).isEqualTo(CaseStatus.PRESERVATION_EXPIRED);
		assertThat(this.service.find(emergency).block().formalProcessDueAt()).isNull();
		assertThat(this.service.find(emergency).block().flags()).isEmpty();
		assertThat(this.service.find(formal).block().links()).extracting(ReviewCase.Link::relation)
			.containsExactly("FORMALISES_EMERGENCY");
		assertThat(this.service.find(lateEmergency).block().flags()).containsExactly("FORMAL_PROCESS_MISSING");
		assertThat(this.service.find(forgotten).block().flags()).containsExactly("OVERDUE");
		assertThat(this.service.find(unverified).block().decision().decision().name()).isEqualTo("REJECT");
		assertThat(this.service.find(withdrawn).block().status()).isEqualTo(CaseStatus.WITHDRAWN);
		ReviewCase amended = this.service.find(subpoena).block();
		assertThat(amended.decision().approvedBy()).isEqualTo("senior-b");
		assertThat(amended.decidedDocumentVersion()).isEqualTo(2);
		assertThat(amended.documents()).hasSize(2);
		assertThat(this.service.find(enterprise).block().consentEvidence().method())
			.isEqualTo(ReviewCase.ConsentMethod.EMAIL);
		assertThat(this.service.find(rejected).block().status()).isEqualTo(CaseStatus.UNDER_REVIEW);
		assertThat(this.service.find(pending).block().proposal().proposedBy()).isEqualTo("counsel-7");
		assertThat(this.service.queue(List.of(CaseStatus.AWAITING_APPROVAL), false, 100).collectList().block())
			.extracting(ReviewCase::requestId)
			.containsExactly(pending);

		EventCodec codec = new EventCodec();
		for (UUID id : this.opened) {
			ReviewCase stored = this.service.find(id).block();
			// the seals are the store's (the audit chain), not the case's
			assertThat(CaseEvolver.fold(this.service.events(id).block())).as("case %s", id)
				.usingRecursiveComparison()
				.ignoringFields("history.seal")
				.isEqualTo(stored);
			assertThat(stored.history()).allSatisfy((entry) -> assertThat(entry.seal()).isNotNull());
			List<Long> sequences = this.published.stream()
				.filter((e) -> e.requestId().equals(id))
				.map((e) -> codec.decodeReviewEvent(e.payload()))
				.map(EventEnvelope::sequence)
				.toList();
			assertThat(sequences).as("published sequence of %s", id)
				.isEqualTo(java.util.stream.LongStream.rangeClosed(1, stored.eventSequence()).boxed().toList());
			assertThat(this.store.outbox(id).block()).isEmpty();
		}
		List<String> types = this.published.stream()
			.map((e) -> codec.decodeReviewEvent(e.payload()))
			.map(EventEnvelope::type)
			.distinct()
			.sorted()
			.toList();
		// every event id review mints is time-ordered (RFC 9562 version 7, ADR 14)
		assertThat(this.published.stream().map((e) -> codec.decodeReviewEvent(e.payload()).id()))
			.allSatisfy((eventId) -> assertThat(UUID.fromString(eventId).version()).isEqualTo(7));
		assertThat(types).containsExactly("CaseFlagged", "CaseWithdrawn", "CustomerConsentAnswered", "DecisionAmended",
				"DecisionRecorded", "PreservationExpired", "PreservationExtended", "PreservationStarted",
				"RequesterVerified");
		// nothing of a proposal is published until it is approved: only the deadline's
		// flag of the two cases still awaiting an answer
		assertThat(this.published.stream()
			.filter((e) -> e.requestId().equals(rejected) || e.requestId().equals(pending))
			.map((e) -> codec.decodeReviewEvent(e.payload()).type())).containsExactly("CaseFlagged", "CaseFlagged");
	}

	private void approve(UUID id) {
		this.service.handle(id, new CaseCommand.Approve(true, "second look", "senior-b")).block();
	}

	private void attach(UUID id, String sha, Integer version) {
		this.service
			.handle(id,
					new CaseCommand.AttachDocument(
							new ReviewCase.Document("doc-" + sha, sha + ".pdf", "application/pdf", 10, sha), version,
							(version == null) ? null : "liaison-a"))
			.block();
	}

	private static CaseCommand.AnswerConsent consent(String reason) {
		return new CaseCommand.AnswerConsent(true, reason,
				new CaseCommand.Evidence("CISO, Contoso", "2012-03-19T16:00:00Z", "EMAIL"), "c");
	}

	@Test
	void requestsAboutTheSameIdentifierAreLinkedByItsNormalisedKeyNotAsWritten() {
		UUID preservation = UUID.randomUUID();
		this.service
			.open(new CaseCommand.Open(preservation,
					request("PRESERVATION", "suspect.name@example.com", "suspect.name@example.com")))
			.block();
		decide(preservation, "PRESERVE");
		UUID warrant = UUID.randomUUID();
		this.service
			.open(new CaseCommand.Open(warrant,
					request("SEARCH_WARRANT", "Suspect.Name@Example.com", "suspect.name@example.com")))
			.block();
		assertThat(this.service.find(warrant).block().links())
			.containsExactly(new ReviewCase.Link(preservation, "FOLLOWS_PRESERVATION"));
		// counsel still sees the identifier as the agency wrote it
		assertThat(this.service.find(warrant).block().request().identifiers()).extracting(ReviewCase.Identifier::value)
			.containsExactly("Suspect.Name@Example.com");
		UUID other = UUID.randomUUID();
		this.service
			.open(new CaseCommand.Open(other, request("SEARCH_WARRANT", "suspect.name@example.com", "someone-else")))
			.block();
		assertThat(this.service.find(other).block().links()).isEmpty();
	}

	private static ReviewCase.Request request(String process, String value, String key) {
		return new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", "CONSUMER", null, process,
				List.of(new ReviewCase.Identifier("EMAIL", value, key)), List.of(), null, null, true, null,
				START.minus(Duration.ofDays(1)), START.minus(Duration.ofDays(1)));
	}

	@Test
	void aDecisionIsCountedOnceWhateverFollowsIt() {
		UUID enterprise = open("SEARCH_WARRANT", "ENTERPRISE", true, "b@contoso.example");
		decide(enterprise, "SEEK_CUSTOMER_CONSENT");
		this.service.handle(enterprise, consent("signed by the CISO")).block();
		decide(enterprise, "DISCLOSE_CONTENT");
		// proposed, not in effect: not counted
		assertThat(decisions("DISCLOSE_CONTENT")).isZero();
		approve(enterprise);
		decide(enterprise, "REJECT", 409);
		UUID preservation = open("PRESERVATION", "CONSUMER", true, "c@example.com");
		decide(preservation, "PRESERVE");
		this.service.handle(preservation, new CaseCommand.ExtendPreservation("more time", "c")).block();
		this.service.handle(preservation, new CaseCommand.Withdraw("no longer needed")).block();
		assertThat(decisions("SEEK_CUSTOMER_CONSENT")).isEqualTo(1);
		assertThat(decisions("DISCLOSE_CONTENT")).isEqualTo(1);
		assertThat(decisions("PRESERVE")).isEqualTo(1);
		assertThat(decisions("REJECT")).isZero();
		assertThat(this.meters.find("ler.decisions.recorded").counters().stream().mapToDouble((c) -> c.count()).sum())
			.isEqualTo(3);
	}

	private double decisions(String decision) {
		var counter = this.meters.find("ler.decisions.recorded").tag("decision", decision).counter();
		return (counter == null) ? 0 : counter.count();
	}

	/**
	 * Opening a poll's requests together ends exactly where opening them one by one ends:
	 * the same cases, links, timers and queue, with repeats (in the batch, and of cases
	 * opened and decided before it) opening nothing twice and leaving no stale pointer.
	 */
	@Test
	void openingTogetherEndsWhereOpeningOneByOneEnds() {
		CaseService single = this.service;
		var database = this.client.getDatabase("together_" + UUID.randomUUID().toString().replace("-", ""));
		CaseStore togetherStore = new CaseStore(database, new AuditChain(new SimpleMeterRegistry()));
		CasePointers togetherPointers = new CasePointers(database);
		CaseService together = new CaseService(togetherStore, togetherPointers,
				(entries) -> Flux.fromIterable(entries).concatMap(togetherStore::published).then(), new EventCodec(),
				this.clock,
				new ReviewProperties(Map.of("DEFAULT", Duration.ofDays(30), "EMERGENCY", Duration.ofHours(24)),
						Duration.ofDays(90), Duration.ofDays(14), Duration.ofSeconds(5), Duration.ofSeconds(1),
						Duration.ofSeconds(2)),
				new SimpleMeterRegistry());
		// before the poll, in both: a preservation in force, an emergency disclosed, a
		// case already decided
		UUID preservation = UUID.randomUUID();
		UUID emergency = UUID.randomUUID();
		UUID decided = UUID.randomUUID();
		for (CaseService s : List.of(single, together)) {
			s.open(new CaseCommand.Open(preservation, request("PRESERVATION", "CONSUMER", true, "p@example.com")))
				.block();
			s.handle(preservation, new CaseCommand.Decide("PRESERVE", "reason", "counsel-7", null)).block();
			s.open(new CaseCommand.Open(emergency, request("EMERGENCY", "CONSUMER", true, "e@example.com"))).block();
			s.handle(emergency, new CaseCommand.Decide("DISCLOSE_CONTENT", "reason", "counsel-7", null)).block();
			s.handle(emergency, new CaseCommand.Approve(true, "second look", "senior-b")).block();
			s.open(new CaseCommand.Open(decided, request("SUBPOENA", "CONSUMER", true, "d@example.com"))).block();
			s.handle(decided, new CaseCommand.Decide("REJECT", "reason", "counsel-7", null)).block();
		}
		this.clock.now = START.plusSeconds(60);
		List<CaseCommand.Open> poll = new ArrayList<>();
		List<UUID> ids = new ArrayList<>(List.of(preservation, emergency, decided));
		for (String[] spec : new String[][] { { "SEARCH_WARRANT", "p@example.com" }, { "COURT_ORDER", "e@example.com" },
				{ "SUBPOENA", "a@example.com" }, { "EMERGENCY", "b@example.com" }, { "PRESERVATION", "c@example.com" },
				{ "MLAT", "e@example.com" } }) {
			UUID id = UUID.randomUUID();
			ids.add(id);
			poll.add(new CaseCommand.Open(id, request(spec[0], "CONSUMER", !"MLAT".equals(spec[0]), spec[1])));
		}
		// a repeat inside the poll, and a redelivery of the decided case's request
		poll.add(poll.get(2));
		poll.add(new CaseCommand.Open(decided, request("SUBPOENA", "CONSUMER", true, "d@example.com")));

		poll.forEach((command) -> single.open(command).block());
		together.openAll(poll).block();
		// and again: a redelivered poll changes nothing
		together.openAll(poll).block();

		for (UUID id : ids) {
			assertThat(together.find(id).block()).as("case %s", id)
				.usingRecursiveComparison()
				.ignoringFields("history.seal")
				.isEqualTo(single.find(id).block());
			assertThat(together.events(id).block()).as("events of %s", id).hasSameSizeAs(single.events(id).block());
		}
		assertThat(together.find(poll.get(0).requestId()).block().links()).extracting(ReviewCase.Link::relation)
			.containsExactly("FOLLOWS_PRESERVATION");
		assertThat(together.find(emergency).block().links()).extracting(ReviewCase.Link::relation)
			.contains("FORMAL_PROCESS");
		Instant later = START.plus(Duration.ofDays(400));
		assertThat(togetherPointers.dueBy(later, 100).collectList().block())
			.containsExactlyInAnyOrderElementsOf(this.pointers.dueBy(later, 100).collectList().block())
			.hasSizeGreaterThanOrEqualTo(7);
		for (CaseStatus status : CaseStatus.values()) {
			assertThat(together.queue(List.of(status), false, 100).map(ReviewCase::requestId).collectList().block())
				.as("queue of %s", status)
				.containsExactlyElementsOf(
						single.queue(List.of(status), false, 100).map(ReviewCase::requestId).collectList().block());
		}
		assertThat(together.queue(List.of(CaseStatus.UNDER_REVIEW), false, 100).collectList().block())
			.extracting(ReviewCase::requestId)
			.doesNotContain(decided)
			.contains(poll.get(2).requestId());
	}

	@Test
	void aRepeatedRequestOpensNothingTwice() {
		ReviewCase.Request request = request("SUBPOENA", "CONSUMER", true, "a@example.com");
		UUID id = UUID.randomUUID();
		this.service.open(new CaseCommand.Open(id, request)).block();
		this.service.open(new CaseCommand.Open(id, request)).block();
		assertThat(this.service.events(id).block()).hasSize(1);
		assertThat(this.service.find(id).block().history()).hasSize(1);
	}

	@Test
	void aDecisionThatLosesARaceIsDecidedAgainOnTheNewerCase() {
		UUID id = open("SUBPOENA", "CONSUMER", true, "a@example.com");
		// refusals arrive on several threads at once
		List<Throwable> refusals = java.util.Collections.synchronizedList(new ArrayList<>());
		Flux.range(0, 8)
			.flatMap((i) -> this.service.handle(id, new CaseCommand.Decide("REJECT", "reason " + i, "c" + i))
				.onErrorResume((ex) -> {
					refusals.add(ex);
					return Mono.empty();
				}), 8)
			.blockLast();
		assertThat(this.service.events(id).block()).hasSize(2);
		assertThat(this.published).hasSize(1);
		assertThat(refusals).hasSize(7)
			.allMatch((ex) -> ex instanceof ler.review.cases.model.IllegalTransitionException);
	}

	@Test
	void aChangeIsOneCompareAndSetOnTheCaseAndLeavesNoTransition() {
		UUID id = open("SUBPOENA", "CONSUMER", true, "cas@example.com");
		decide(id, "REJECT");
		org.bson.Document stored = Mono
			.from(this.database.getCollection("cases").find(new org.bson.Document("_id", id.toString())).first())
			.block();
		assertThat(stored.getString("commit")).isEqualTo("in-place");
		assertThat(stored.get("version", Number.class).longValue()).isEqualTo(1);
		assertThat(Mono.from(this.database.getCollection("case_transitions").countDocuments()).block()).isZero();
	}

	@Test
	void aTransitionACrashedWriterLeftBeforeAdr16IsAppliedWhenTheCaseIsRead() {
		UUID id = open("SUBPOENA", "CONSUMER", true, "legacy@example.com");
		var cases = this.database.getCollection("cases");
		org.bson.Document opened = Mono.from(cases.find(new org.bson.Document("_id", id.toString())).first()).block();
		decide(id, "REJECT");
		org.bson.Document decided = Mono.from(cases.find(new org.bson.Document("_id", id.toString())).first()).block();
		// as an older review left it: the case at version 0 without the marker, the
		// decision's transition to version 1 inserted, the case's own update lost
		opened.remove("commit");
		decided.remove("_id");
		decided.remove("commit");
		Mono.from(cases.replaceOne(new org.bson.Document("_id", id.toString()), opened)).block();
		Mono.from(this.database.getCollection("case_transitions")
			.insertOne(new org.bson.Document("_id", id + "|1").append("state", decided))).block();
		assertThat(this.service.find(id).block().status().name()).isEqualTo("DECIDED");
		assertThat(this.service.events(id).block()).hasSize(2);
		assertThat(Mono.from(cases.find(new org.bson.Document("_id", id.toString())).first())
			.block()
			.get("version", Number.class)
			.longValue()).isEqualTo(1);
	}

	private UUID open(String process, String customerType, boolean verified, String email) {
		UUID id = UUID.randomUUID();
		this.service.open(new CaseCommand.Open(id, request(process, customerType, verified, email))).block();
		this.opened.add(id);
		return id;
	}

	private static ReviewCase.Request request(String process, String customerType, boolean verified, String email) {
		return new ReviewCase.Request("Agency", "US", "agent@fbi.gov", "consumer", customerType,
				"ENTERPRISE".equals(customerType) ? "contoso" : null, process,
				List.of(new ReviewCase.Identifier("EMAIL", email, email)), List.of(), null, null, verified, null,
				START.minus(Duration.ofDays(1)), START.minus(Duration.ofDays(1)));
	}

	private void decide(UUID id, String decision) {
		this.service.handle(id, new CaseCommand.Decide(decision, "reason", "counsel-7", null)).block();
	}

	private void decide(UUID id, String decision, int expectedStatus) {
		try {
			decide(id, decision);
			throw new AssertionError("expected a refusal " + expectedStatus);
		}
		catch (ler.review.cases.model.IllegalTransitionException ex) {
			assertThat(expectedStatus).isEqualTo(409);
		}
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
