package ler.review.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ler.events.CustomerConsentAnswered;
import ler.events.DecisionAmended;
import ler.events.DecisionRecorded;
import ler.events.DocumentAttached;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.testsupport.ServiceUnderTest;
import ler.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 in review, over HTTP: every move is the token subject's (a body naming counsel
 * is refused), four eyes on content, emergency, consent-based disclosures and amendments,
 * consent only with its evidence, and the document version a decision was taken on.
 */
class CounselAttributionAndFourEyesIT extends ReviewOverHttp {

	@Autowired
	MeterRegistry meters;

	@Test
	void theActorRecordedInTheEventTheHistoryAndTheCaseIsTheTokensSubject() {
		UUID id = underReview("SUBPOENA", "CONSUMER");
		WebTestClient someone = ServiceUnderTest.client(this.port,
				TestTokens.shared().staff("account-7c1d", "COUNSEL"));
		post(someone, id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "valid subpoena"))
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.counsel")
			.isEqualTo("account-7c1d")
			.jsonPath("$.decision.approvedBy")
			.doesNotExist();
		DecisionRecorded recorded = (DecisionRecorded) reviewEventsFor(id).get(0).data();
		assertThat(recorded.counsel()).isEqualTo("account-7c1d");
		assertThat(recorded.approvedBy()).isNull();
		this.http.get()
			.uri("/api/reviews/{id}/history", id)
			.exchange()
			.expectBody()
			.jsonPath("$[1].actor")
			.isEqualTo("account-7c1d")
			.jsonPath("$[1].action")
			.isEqualTo("DECISION_RECORDED");
	}

	@Test
	void aBodyThatNamesCounselIsRefusedAndChangesNothing() {
		UUID id = underReview("SUBPOENA", "CONSUMER");
		Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
		bodies.put("decisions", Map.of("decision", "REJECT", "reason", "r", "counsel", "someone-else"));
		bodies.put("amendments", Map.of("decision", "REJECT", "reason", "r", "counsel", "someone-else"));
		bodies.put("verification", Map.of("verified", true, "reason", "r", "counsel", "someone-else"));
		Map<String, Object> consent = consent(true, "r");
		consent.put("counsel", "someone-else");
		bodies.put("consent", consent);
		bodies.put("preservation/extension", Map.of("reason", "r", "counsel", "someone-else"));
		bodies.forEach((step, body) -> post(id, step, body).expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("counsel")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("known-field"));
		this.http.get()
			.uri("/api/reviews/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UNDER_REVIEW")
			.jsonPath("$.history.length()")
			.isEqualTo(1);
		assertThat(reviewEventsFor(id)).isEmpty();
	}

	@Test
	void aContentDisclosureWaitsInTheQueueForASecondDifferentSeniorCounsel() {
		UUID id = underReview("SEARCH_WARRANT", "CONSUMER");
		double before = disclosuresCounted();
		// a senior counsel's own proposal still needs another senior counsel
		post(this.senior, id, "decisions", Map.of("decision", "DISCLOSE_CONTENT", "reason", "warrant covers mail"))
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_APPROVAL")
			.jsonPath("$.proposal.kind")
			.isEqualTo("DECISION")
			.jsonPath("$.proposal.decision")
			.isEqualTo("DISCLOSE_CONTENT")
			.jsonPath("$.proposal.reason")
			.isEqualTo("warrant covers mail")
			.jsonPath("$.proposal.proposedBy")
			.isEqualTo(SENIOR)
			.jsonPath("$.proposal.proposedAt")
			.exists()
			.jsonPath("$.decision")
			.doesNotExist();
		assertThat(disclosuresCounted()).isEqualTo(before);
		assertThat(queue("")).contains(id.toString());
		assertThat(queue("status=AWAITING_APPROVAL")).contains(id.toString());
		assertThat(listed("status=AWAITING_APPROVAL")).extracting((c) -> c.get("status"))
			.containsOnly("AWAITING_APPROVAL");
		assertThat(queue("status=UNDER_REVIEW")).doesNotContain(id.toString());

		approve(this.senior, id, true, "looks right to me").expectStatus()
			.isForbidden()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("urn:ler:problem:four-eyes")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("four-eyes")
			.jsonPath("$.errors[0].field")
			.isEqualTo("approved");
		// counsel without the senior role may not approve at all
		approve(this.http, id, true, "fine").expectStatus().isForbidden();
		this.http.get()
			.uri("/api/reviews/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_APPROVAL")
			.jsonPath("$.history.length()")
			.isEqualTo(2);
		assertThat(reviewEventsFor(id)).isEmpty();

		approve(this.seniorB, id, true, "warrant checked").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DECIDED")
			.jsonPath("$.proposal")
			.doesNotExist();
		List<EventEnvelope<ler.events.ReviewEvent>> events = reviewEventsFor(id);
		assertThat(events).extracting(EventEnvelope::type).containsExactly("DecisionRecorded");
		DecisionRecorded recorded = (DecisionRecorded) events.get(0).data();
		assertThat(recorded.counsel()).isEqualTo(SENIOR);
		assertThat(recorded.approvedBy()).isEqualTo(SENIOR_B);
		assertThat(recorded.basis()).isEqualTo("LEGAL_PROCESS");
		assertThat(disclosuresCounted()).isEqualTo(before + 1);
		approve(this.seniorB, id, true, "again").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		assertThat(disclosuresCounted()).isEqualTo(before + 1);
	}

	@Test
	void anEmergencyDisclosureWithoutFormalProcessWaitsForApproval() {
		UUID id = receive("US", "EMERGENCY", "CONSUMER", Instant.now().minusSeconds(60).toString(),
				UUID.randomUUID() + "@example.com");
		awaitCase(id);
		post(id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "threat to life")).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.proposal.grounds[0]")
			.isEqualTo("EMERGENCY_WITHOUT_FORMAL_PROCESS");
		assertThat(reviewEventsFor(id)).isEmpty();
		approve(this.senior, id, true, "justification checked with the agency").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.formalProcessDueAt")
			.exists();
		assertThat(reviewEventsFor(id)).extracting(EventEnvelope::type).containsExactly("DecisionRecorded");
	}

	@Test
	void aDisclosureRestingOnConsentWaitsForApprovalAndConsentCarriesItsEvidence() {
		UUID id = underReview("SUBPOENA", "ENTERPRISE");
		post(id, "decisions", Map.of("decision", "SEEK_CUSTOMER_CONSENT", "reason", "ask contoso")).expectStatus()
			.isCreated();
		post(id, "consent", consent(true, "contoso legal signed")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.consentEvidence.givenBy")
			.isEqualTo("general counsel, Contoso")
			.jsonPath("$.consentEvidence.method")
			.isEqualTo("EMAIL")
			.jsonPath("$.consentEvidence.givenAt")
			.isEqualTo("2012-08-02T10:00:00Z")
			.jsonPath("$.history[2].detail")
			.isEqualTo("contoso legal signed (given by general counsel, Contoso at 2012-08-02T10:00:00Z, EMAIL)");
		post(id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "as consented")).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.proposal.grounds[0]")
			.isEqualTo("RESTS_ON_CUSTOMER_CONSENT");
		approve(this.senior, id, true, "consent letter checked").expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decision.basis")
			.isEqualTo("CUSTOMER_CONSENT");
		var events = reviewEventsFor(id);
		assertThat(events).extracting(EventEnvelope::type)
			.containsExactly("DecisionRecorded", "CustomerConsentAnswered", "DecisionRecorded");
		CustomerConsentAnswered answered = (CustomerConsentAnswered) events.get(1).data();
		assertThat(answered.counsel()).isEqualTo(COUNSEL);
		assertThat(answered.evidence()).isEqualTo(new CustomerConsentAnswered.Evidence("EMAIL",
				Instant.parse("2012-08-02T10:00:00Z"), "general counsel, Contoso"));
	}

	@Test
	void consentWithoutEvidenceOrWithBadEvidenceIsRefusedNamingTheField() {
		UUID id = underReview("SEARCH_WARRANT", "ENTERPRISE");
		post(id, "decisions", Map.of("decision", "SEEK_CUSTOMER_CONSENT", "reason", "ask contoso")).expectStatus()
			.isCreated();
		// a bare yes is no longer taken
		post(id, "consent", Map.of("granted", true, "reason", "they said yes")).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("evidence")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("required");
		post(id, "consent", Map.of("granted", true, "reason", "r", "evidence", Map.of())).expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("evidence.givenBy", "evidence.givenAt", "evidence.method"));
		post(id, "consent",
				Map.of("granted", true, "reason", "r", "evidence",
						Map.of("givenBy", "CISO", "givenAt", Instant.now().plusSeconds(3600).toString(), "method",
								"CARRIER_PIGEON")))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("evidence.method")
			.jsonPath("$.errors[0].rule")
			.isEqualTo("one-of");
		post(id, "consent",
				Map.of("granted", true, "reason", "r", "evidence",
						Map.of("givenBy", "CISO", "givenAt", Instant.now().plusSeconds(3600).toString(), "method",
								"SIGNED_LETTER")))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("not-in-future");
		post(id, "consent",
				Map.of("granted", true, "reason", "r", "evidence",
						Map.of("givenBy", "CISO", "givenAt", "2012-07-31T23:59:59Z", "method", "SIGNED_LETTER")))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].rule")
			.isEqualTo("not-before-request");
		post(id, "consent",
				Map.of("granted", true, "reason", "r", "evidence",
						Map.of("givenBy", "CISO", "givenAt", "2012-08-03T09:00:00Z", "method", "EMAIL", "extra", "x")))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("evidence.extra");
		this.http.get()
			.uri("/api/reviews/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("AWAITING_CONSENT");
	}

	@Test
	void anAmendmentNeedsApprovalAndARejectedOneLeavesTheDecisionAsItWas() {
		UUID id = underReview("SUBPOENA", "CONSUMER");
		post(id, "decisions", Map.of("decision", "DISCLOSE_NON_CONTENT", "reason", "valid subpoena")).expectStatus()
			.isCreated();
		approve(this.senior, id, true, "nothing to approve").expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.currentState")
			.isEqualTo("DECIDED");
		post(id, "amendments", Map.of("decision", "REJECT", "reason", "subpoena withdrawn")).expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.proposal.kind")
			.isEqualTo("AMENDMENT")
			.jsonPath("$.decision.decision")
			.isEqualTo("DISCLOSE_NON_CONTENT");
		// an amendment waits on the approvals list, not among the cases awaiting an
		// answer
		assertThat(queue("status=AWAITING_APPROVAL")).contains(id.toString());
		assertThat(queue("overdue=true")).doesNotContain(id.toString());
		approve(this.senior, id, false, "the subpoena still stands").expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("DECIDED")
			.jsonPath("$.decision.decision")
			.isEqualTo("DISCLOSE_NON_CONTENT")
			.jsonPath("$.proposal")
			.doesNotExist()
			.jsonPath("$.history[-1].actor")
			.isEqualTo(SENIOR)
			.jsonPath("$.history[-1].action")
			.isEqualTo("PROPOSAL_REJECTED")
			.jsonPath("$.history[-1].detail")
			.isEqualTo("AMENDMENT REJECT proposed by " + COUNSEL + ": the subpoena still stands");
		assertThat(reviewEventsFor(id)).extracting(EventEnvelope::type).containsExactly("DecisionRecorded");

		post(id, "amendments", Map.of("decision", "REJECT", "reason", "subpoena withdrawn")).expectStatus()
			.isAccepted();
		approve(this.senior, id, true, "withdrawal letter seen").expectStatus().isCreated();
		var events = reviewEventsFor(id);
		assertThat(events).extracting(EventEnvelope::type).containsExactly("DecisionRecorded", "DecisionAmended");
		DecisionAmended amended = (DecisionAmended) events.get(1).data();
		assertThat(amended.counsel()).isEqualTo(COUNSEL);
		assertThat(amended.approvedBy()).isEqualTo(SENIOR);
		assertThat(amended.previousDecision()).isEqualTo("DISCLOSE_NON_CONTENT");
	}

	@Test
	void theCaseKeepsTheDocumentVersionTheDecisionWasTakenOn() {
		UUID id = underReview("SUBPOENA", "CONSUMER");
		attach(id, "subpoena.pdf", "a".repeat(64));
		attach(id, "subpoena-signed.pdf", "b".repeat(64));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/reviews/{id}", id)
				.exchange()
				.expectBody()
				.jsonPath("$.documents[*].version")
				.isEqualTo(List.of(1, 2)));
		post(id, "decisions", Map.of("decision", "NO_DATA_FOUND", "reason", "no such account")).expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.decidedDocumentVersion")
			.isEqualTo(2);
		attach(id, "subpoena-late.pdf", "c".repeat(64));
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> this.http.get()
				.uri("/api/reviews/{id}", id)
				.exchange()
				.expectBody()
				.jsonPath("$.documents[*].version")
				.isEqualTo(List.of(1, 2, 3))
				.jsonPath("$.decidedDocumentVersion")
				.isEqualTo(2)
				.jsonPath("$.documents[2].document.fileName")
				.isEqualTo("subpoena-late.pdf"));
	}

	private void attach(UUID id, String fileName, String sha256) {
		send("ler.requests", id,
				EventEnvelope.wrap(UUID.randomUUID(), "/intake-service", id, 2, Instant.now(),
						new DocumentAttached(id, new RequestReceived.Document(UUID.randomUUID().toString(), fileName,
								"application/pdf", 1000, sha256), Instant.now())));
	}

	private double disclosuresCounted() {
		Counter counter = this.meters.find("ler.decisions.recorded").tag("decision", "DISCLOSE_CONTENT").counter();
		return (counter == null) ? 0 : counter.count();
	}

	/** The request ids the queue lists for the query. */
	private List<String> queue(String query) {
		return listed(query).stream().map((c) -> (String) c.get("requestId")).toList();
	}

	private List<Map<String, Object>> listed(String query) {
		return this.http.get()
			.uri("/api/reviews?limit=1000" + (query.isEmpty() ? "" : "&" + query))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
	}

}
