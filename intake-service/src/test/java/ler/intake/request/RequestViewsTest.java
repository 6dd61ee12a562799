package ler.intake.request;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.events.DocumentAttached;
import ler.events.RequestReceived;
import ler.events.RequestWithdrawn;
import ler.testsupport.LocalMongo;
import ler.intake.request.RequestViews.ReviewChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/** The requester's view against the MongoDB-wire store: repeats, reordering, rebuild. */
class RequestViewsTest {

	static final Instant AT = Instant.parse("2012-03-20T09:30:00Z");

	MongoClient client;

	MongoDatabase database;

	RequestViews views;

	@BeforeEach
	void store() {
		this.client = MongoClients.create(LocalMongo.uri("views_" + UUID.randomUUID().toString().replace("-", "")));
		this.database = this.client.getDatabase("views_test_" + UUID.randomUUID().toString().replace("-", ""));
		this.views = new RequestViews(this.database);
	}

	@AfterEach
	void close() {
		Mono.from(this.database.drop()).block(Duration.ofSeconds(10));
		this.client.close();
	}

	static RequestReceived received(UUID id) {
		return new RequestReceived(id, new RequestReceived.Agency("Met", "GB", "liaison@met.police.uk"), "consumer",
				"CONSUMER", "SUBPOENA",
				List.of(new RequestReceived.Identifier("EMAIL", "Suspect.Name@Example.com",
						"suspect.name@example.com")),
				Instant.parse("2012-03-14T10:00:00Z"), Instant.parse("2012-03-14T10:00:05Z"));
	}

	static RequestStatus.Decision decision(String what) {
		return new RequestStatus.Decision(what, "basis", "reason", "counsel-1", AT, false);
	}

	@Test
	void aReviewValueChangesOnlyForANewerEventWhateverTheOrderOfArrival() {
		UUID id = UUID.randomUUID();
		this.views.recordReceived(received(id), 1).block();
		ReviewChange consent = new ReviewChange("AWAITING_CONSENT", decision("SEEK_CUSTOMER_CONSENT"), null, null, null,
				null, null);
		ReviewChange answered = new ReviewChange("PENDING_REVIEW", null, null, "GRANTED", null, null, null);
		ReviewChange decided = new ReviewChange("DECIDED", decision("DISCLOSE_CONTENT"), null, null, null, null, null);
		// 3 arrives first, then 1 and 2 late, then 3 again
		this.views.recordReview(id, 3, decided).block();
		this.views.recordReview(id, 1, consent).block();
		this.views.recordReview(id, 2, answered).block();
		this.views.recordReview(id, 3, decided).block();
		this.views.recordReview(id, 4, new ReviewChange(null, null, null, null, null, null, "OVERDUE")).block();
		this.views.recordReview(id, 4, new ReviewChange(null, null, null, null, null, null, "OVERDUE")).block();
		RequestStatus status = this.views.find(id).block();
		assertThat(status.status()).isEqualTo("DECIDED");
		assertThat(status.review().decision().decision()).isEqualTo("DISCLOSE_CONTENT");
		// set by an older event and not changed by any newer one: kept
		assertThat(status.review().customerConsent()).isEqualTo("GRANTED");
		assertThat(status.review().flags()).containsExactly("OVERDUE");
	}

	@Test
	void aReviewEventBeforeTheRequestIsKeptAndShownOnceTheRequestArrives() {
		UUID id = UUID.randomUUID();
		this.views.recordReview(id, 1, ReviewChange.status("PRESERVED")).block();
		assertThat(this.views.find(id).block()).isNull();
		this.views.recordReceived(received(id), 1).block();
		assertThat(this.views.find(id).block().status()).isEqualTo("PRESERVED");
	}

	@Test
	void aViewRebuiltFromTheLogNumbersTheNextIntakeEventAfterTheLastOneOnIt() {
		UUID id = UUID.randomUUID();
		RequestReceived.Document first = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2b3", "a.pdf",
				"application/pdf", 10, "aa");
		RequestReceived.Document second = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2b4", "b.pdf",
				"application/pdf", 20, "bb");
		// replaying the request stream after the view was dropped
		this.views.recordReceived(received(id), 1).block();
		this.views.recordDocument(new DocumentAttached(id, first, AT), 2).block();
		this.views.recordDocument(new DocumentAttached(id, second, AT), 3).block();
		this.views.recordWithdrawalRequested(new RequestWithdrawn(id, "served in error", AT), 4).block();
		// and a redelivered older event
		this.views.recordDocument(new DocumentAttached(id, first, AT), 2).block();
		assertThat(this.views.nextSequence(id).block()).isEqualTo(5L);
		RequestStatus status = this.views.find(id).block();
		assertThat(status.document().fileName()).isEqualTo("b.pdf");
		assertThat(status.withdrawal().reason()).isEqualTo("served in error");
		assertThat(status.status()).isEqualTo("WITHDRAWAL_REQUESTED");
		assertThat(status.request().identifiers()).containsExactly(
				new RequestStatus.Identifier("EMAIL", "Suspect.Name@Example.com", "suspect.name@example.com"));
	}

	@Test
	void documentVersionsAccumulateWhateverTheOrderAndNoneIsReplaced() {
		UUID id = UUID.randomUUID();
		RequestReceived.Document first = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2c1", "a.pdf",
				"application/pdf", 10, "aa");
		RequestReceived.Document second = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2c2", "b.pdf",
				"application/pdf", 20, "bb");
		RequestReceived.Document third = new RequestReceived.Document("65f1c2b1e3d4a4f6b9a1e2c3", "c.pdf",
				"application/pdf", 30, "cc");
		RequestReceived r = received(id);
		RequestReceived owned = new RequestReceived(id, r.agency(), r.service(), r.customerType(), r.legalProcess(),
				r.identifiers(), r.receivedAt(), r.submittedAt(), true, null, null, null, null, null, first, "agency-a",
				"liaison-a");
		// version 3 arrives before version 2, and both again
		this.views.recordReceived(owned, 1).block();
		this.views.recordDocument(new DocumentAttached(id, third, AT.plusSeconds(60), 3, "counsel-a"), 3).block();
		this.views.recordDocument(new DocumentAttached(id, second, AT, 2, "liaison-a"), 2).block();
		this.views.recordDocument(new DocumentAttached(id, third, AT.plusSeconds(60), 3, "counsel-a"), 3).block();
		this.views.recordReceived(owned, 1).block();
		RequestStatus status = this.views.find(id).block();
		assertThat(status.documents()).extracting(RequestStatus.Document::version).containsExactly(1, 2, 3);
		assertThat(status.documents()).extracting(RequestStatus.Document::sha256).containsExactly("aa", "bb", "cc");
		assertThat(status.documents()).extracting(RequestStatus.Document::attachedBy)
			.containsExactly("liaison-a", "liaison-a", "counsel-a");
		assertThat(status.documents().get(0).attachedAt()).isEqualTo(owned.submittedAt());
		assertThat(status.document().version()).isEqualTo(3);
		assertThat(status.documentVersion(2)).map(RequestStatus.Document::fileName).contains("b.pdf");
		assertThat(status.request().agencyId()).isEqualTo("agency-a");
		assertThat(status.request().submittedBy()).isEqualTo("liaison-a");
		// the next upload is numbered after the last, and a failed one gives its number
		// back
		assertThat(this.views.nextDocumentVersion(id).block()).isEqualTo(4);
		this.views.releaseDocumentVersion(id, 4).block();
		assertThat(this.views.nextDocumentVersion(id).block()).isEqualTo(4);
	}

}
