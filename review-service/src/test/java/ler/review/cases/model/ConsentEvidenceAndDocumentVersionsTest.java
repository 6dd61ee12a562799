package ler.review.cases.model;

import java.time.Instant;
import java.util.List;

import ler.review.cases.model.CaseCommand.AnswerConsent;
import ler.review.cases.model.CaseCommand.AttachDocument;
import ler.review.cases.model.CaseCommand.Evidence;
import ler.review.cases.model.ReviewCase.Document;
import ler.review.cases.model.ReviewCase.DocumentVersion;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static ler.review.cases.model.CaseDeciderTest.DECIDER;
import static ler.review.cases.model.CaseDeciderTest.NOW;
import static ler.review.cases.model.CaseDeciderTest.aCase;
import static ler.review.cases.model.CaseDeciderTest.apply;
import static ler.review.cases.model.CaseDeciderTest.decide;
import static ler.review.cases.model.CaseDeciderTest.underReview;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A customer's consent is recorded with its proof, never as a bare yes; the legal
 * document is append-only and the case keeps the version a decision was taken on.
 */
class ConsentEvidenceAndDocumentVersionsTest {

	static ReviewCase awaitingConsent() {
		return decide(aCase("SEARCH_WARRANT", "ENTERPRISE", true, null), "SEEK_CUSTOMER_CONSENT");
	}

	static List<Tuple> violations(Evidence evidence) {
		return catchThrowableOfType(InvalidCommandException.class,
				() -> DECIDER.decide(awaitingConsent(), new AnswerConsent(true, "signed", evidence, "c"), NOW))
			.violations()
			.stream()
			.map((v) -> new Tuple(v.field(), v.rule()))
			.toList();
	}

	@Test
	void consentWithoutEvidenceOrWithAFieldMissingIsRefusedNamingIt() {
		assertThat(violations(null)).containsExactly(new Tuple("evidence", "required"));
		assertThat(violations(new Evidence(null, null, null))).containsExactly(
				new Tuple("evidence.givenBy", "required"), new Tuple("evidence.givenAt", "required"),
				new Tuple("evidence.method", "required"));
		assertThat(violations(new Evidence("x".repeat(201), "yesterday", "FAX"))).containsExactly(
				new Tuple("evidence.givenBy", "max-length"), new Tuple("evidence.givenAt", "instant"),
				new Tuple("evidence.method", "one-of"));
	}

	@Test
	void evidenceIsNotFromTheFutureNorFromBeforeTheRequest() {
		// the request was received 2012-03-14T10:00:00Z; now is 2012-03-20T09:30:00Z
		assertThat(violations(new Evidence("CISO", "2012-03-20T09:30:01Z", "EMAIL")))
			.containsExactly(new Tuple("evidence.givenAt", "not-in-future"));
		assertThat(violations(new Evidence("CISO", "2012-03-14T09:59:59Z", "EMAIL")))
			.containsExactly(new Tuple("evidence.givenAt", "not-before-request"));
		ReviewCase granted = apply(awaitingConsent(),
				new AnswerConsent(true, "signed", new Evidence("CISO", "2012-03-14T10:00:00Z", "CUSTOMER_PORTAL"), "c"),
				NOW);
		assertThat(granted.consentEvidence()).isEqualTo(new ReviewCase.ConsentEvidence("CISO",
				Instant.parse("2012-03-14T10:00:00Z"), ReviewCase.ConsentMethod.CUSTOMER_PORTAL));
		assertThat(granted.history()).last()
			.extracting(ReviewCase.HistoryEntry::detail)
			.isEqualTo("signed (given by CISO at 2012-03-14T10:00:00Z, CUSTOMER_PORTAL)");
	}

	static final Document V1 = new Document("d1", "warrant.pdf", "application/pdf", 10, "aaa");

	static final Document V2 = new Document("d2", "warrant-corrected.pdf", "application/pdf", 11, "bbb");

	static final Document V3 = new Document("d3", "warrant-late.pdf", "application/pdf", 12, "ccc");

	@Test
	void aDecisionRecordsTheLatestDocumentVersionAndALaterUploadDoesNotChangeIt() {
		ReviewCase open = underReview("SUBPOENA");
		assertThat(open.documents()).isEmpty();
		ReviewCase first = apply(open, new AttachDocument(V1, 1, "liaison-a"), NOW);
		// an event without a version (written before versions) is the next one
		ReviewCase second = apply(first, new AttachDocument(V2), NOW);
		assertThat(second.documents()).extracting(DocumentVersion::version, DocumentVersion::attachedBy)
			.containsExactly(new Tuple(1, "liaison-a"), new Tuple(2, null));
		assertThat(second.decidedDocumentVersion()).isNull();
		// redelivered: by number when numbered, by content when not
		assertThat(DECIDER.decide(second, new AttachDocument(V1, 1, "liaison-a"), NOW)).isEmpty();
		assertThat(DECIDER.decide(second, new AttachDocument(V2), NOW)).isEmpty();

		ReviewCase decided = decide(second, "DISCLOSE_NON_CONTENT");
		assertThat(decided.decidedDocumentVersion()).isEqualTo(2);
		ReviewCase later = apply(decided, new AttachDocument(V3, 3, "counsel-a"), NOW);
		assertThat(later.documents()).extracting(DocumentVersion::version).containsExactly(1, 2, 3);
		assertThat(later.decidedDocumentVersion()).isEqualTo(2);
		assertThat(later.history()).last()
			.extracting(ReviewCase.HistoryEntry::actor, ReviewCase.HistoryEntry::detail)
			.containsExactly("counsel-a", "version 3: warrant-late.pdf sha256 ccc");
	}

	@Test
	void theDocumentThatCameWithTheRequestIsVersionOne() {
		ReviewCase withDocument = CaseEvolver.fold(List.of(new CaseEvent.CaseOpened(
				java.util.UUID.randomUUID(), new ReviewCase.Request("Agency", "US", "a@fbi.gov", "consumer", "CONSUMER",
						null, "SEARCH_WARRANT", List.of(), List.of(), null, null, true, V1, NOW, NOW),
				NOW, NOW.plusSeconds(60), 1)));
		assertThat(withDocument.documents()).extracting(DocumentVersion::version).containsExactly(1);
		ReviewCase attached = apply(withDocument, new AttachDocument(V2), NOW);
		assertThat(attached.documents()).extracting(DocumentVersion::version).containsExactly(1, 2);
		assertThat(attached.request().document()).isEqualTo(V2);
	}

}
