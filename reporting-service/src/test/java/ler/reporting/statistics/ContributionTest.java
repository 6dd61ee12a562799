package ler.reporting.statistics;

import java.util.Map;
import java.util.UUID;

import ler.events.RequestReceived;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class ContributionTest {

	final RequestReceived warrant = Events.received(UUID.randomUUID(), "US", "SEARCH_WARRANT", 3,
			"2012-08-01T00:00:00Z");

	@Test
	void aRequestCountsOnceInEveryDimensionWithItsIdentifiers() {
		Contribution c = Contribution.of(this.warrant);
		assertThat(c.period()).isEqualTo("2012-H2");
		assertThat(c.increments()).containsOnly(entry("consumer.all.total.requests", 1L),
				entry("consumer.all.total.identifiers", 3L), entry("consumer.country.US.requests", 1L),
				entry("consumer.country.US.identifiers", 3L), entry("consumer.process.SEARCH_WARRANT.requests", 1L),
				entry("consumer.process.SEARCH_WARRANT.identifiers", 3L),
				entry("consumer.customer.CONSUMER.requests", 1L), entry("consumer.customer.CONSUMER.identifiers", 3L),
				entry("consumer.receivedOn.2012-08-01.requests", 1L));
	}

	@Test
	void aFinalDecisionPutsTheRequestInOneBucket() {
		Map<String, Long> inc = Contribution.of(Events.decided(this.warrant, "DISCLOSE_CONTENT", null)).increments();
		assertThat(inc).contains(entry("consumer.country.US.content", 1L), entry("consumer.country.US.decided", 1L))
			.doesNotContainKey("consumer.country.US.requests")
			// decided a day after receipt: on 2 August, in the bucket up to one day
			.contains(entry("consumer.decidedOn.2012-08-02.decided", 1L),
					entry("consumer.decisionTime.le86400.decided", 1L))
			.hasSize(10);
	}

	@Test
	void seekingConsentDecidesNothingYet() {
		assertThat(Contribution.of(Events.decided(this.warrant, "SEEK_CUSTOMER_CONSENT", null)).increments()).isEmpty();
		assertThat(Contribution.of(Events.decided(this.warrant, "DISCLOSE_NON_CONTENT", "SEEK_CUSTOMER_CONSENT"))
			.increments()).contains(entry("consumer.all.total.nonContent", 1L), entry("consumer.all.total.decided", 1L))
			.hasSize(10);
	}

	@Test
	void aCorrectionMovesTheRequestBetweenBuckets() {
		assertThat(Contribution.of(Events.decided(this.warrant, "REJECT", "DISCLOSE_CONTENT")).increments())
			.contains(entry("consumer.all.total.content", -1L), entry("consumer.all.total.rejected", 1L))
			.doesNotContainKey("consumer.all.total.decided")
			.doesNotContainKeys("consumer.decidedOn.2012-08-02.decided", "consumer.decisionTime.le86400.decided");
	}

	@Test
	void aRedirectCountsAsRejectedAndAsRedirected() {
		assertThat(Contribution.of(Events.decided(this.warrant, "REDIRECT_TO_CUSTOMER", null)).increments())
			.contains(entry("consumer.all.total.rejected", 1L), entry("consumer.all.total.redirected", 1L));
	}

	@Test
	void keepsFieldNamesSafe() {
		assertThat(Contribution.segment("a.b$c")).isEqualTo("a_b_c");
		assertThat(Contribution.segment(null)).isEqualTo("UNKNOWN");
	}

	@Test
	void periodsAreHalfYearsInUtc() {
		assertThat(Period.halfYearOf(java.time.Instant.parse("2012-06-30T23:59:59Z"))).isEqualTo("2012-H1");
		assertThat(Period.halfYearOf(java.time.Instant.parse("2012-07-01T00:00:00Z"))).isEqualTo("2012-H2");
		assertThat(Period.parse("2012").halfYears()).containsExactly("2012-H1", "2012-H2");
		assertThat(Period.parse("2012-H2").halfYears()).containsExactly("2012-H2");
		assertThat(Period.parse("2012-H3")).isNull();
		assertThat(Period.parse("last year")).isNull();
	}

	@Test
	void aPreservationIsCountedApartAndNeverInABucket() {
		RequestReceived preservation = Events.received(UUID.randomUUID(), "US", "PRESERVATION", 2,
				"2012-08-01T00:00:00Z");
		assertThat(Contribution.of(preservation).increments()).containsOnly(
				entry("consumer.all.total.preservations", 1L), entry("consumer.country.US.preservations", 1L),
				entry("consumer.process.PRESERVATION.preservations", 1L),
				entry("consumer.customer.CONSUMER.preservations", 1L));
		assertThat(Contribution.of(Events.decided(preservation, "REJECT", null)).increments()).isEmpty();
	}

	@Test
	void aWithdrawalTakesTheRequestOutOfPending() {
		assertThat(Contribution
			.of(new ler.events.CaseWithdrawn(this.warrant.requestId(), "error", java.time.Instant.now(),
					Events.decided(this.warrant, "REJECT", null).request()))
			.increments()).contains(entry("consumer.all.total.withdrawn", 1L)).hasSize(4);
	}

	@Test
	void anOverdueCaseCountsUntilItIsDecidedOrWithdrawn() {
		ler.events.RequestSummary overdue = new ler.events.RequestSummary("US", "consumer", "CONSUMER",
				"SEARCH_WARRANT", 3, this.warrant.receivedAt(), true);
		Contribution flagged = Contribution.of(new ler.events.CaseFlagged(this.warrant.requestId(), "OVERDUE",
				"no answer", java.time.Instant.parse("2012-09-01T00:00:00Z"), overdue));
		assertThat(flagged.period()).isEqualTo("2012-H2");
		assertThat(flagged.increments()).containsOnly(entry("consumer.all.total.overdue", 1L),
				entry("consumer.country.US.overdue", 1L), entry("consumer.process.SEARCH_WARRANT.overdue", 1L),
				entry("consumer.customer.CONSUMER.overdue", 1L));
		ler.events.DecisionRecorded late = new ler.events.DecisionRecorded(this.warrant.requestId(), "REJECT", "r", "c",
				java.time.Instant.parse("2012-09-02T00:00:00Z"), null, overdue);
		assertThat(Contribution.of(late).increments()).contains(entry("consumer.all.total.overdue", -1L),
				entry("consumer.country.US.overdue", -1L), entry("consumer.all.total.rejected", 1L),
				entry("consumer.decisionTime.le3888000.decided", 1L));
		assertThat(Contribution
			.of(new ler.events.CaseWithdrawn(this.warrant.requestId(), "error", java.time.Instant.now(), overdue))
			.increments()).contains(entry("consumer.all.total.overdue", -1L));
		// other flags, and flags from before the summary was carried, change nothing
		assertThat(Contribution
			.of(new ler.events.CaseFlagged(this.warrant.requestId(), "FORMAL_PROCESS_MISSING", "late",
					java.time.Instant.now(), overdue))
			.increments()).isEmpty();
		assertThat(Contribution
			.of(new ler.events.CaseFlagged(this.warrant.requestId(), "OVERDUE", "late", java.time.Instant.now()))
			.increments()).isEmpty();
	}

	@Test
	void decisionTimePercentilesAreTheBoundsOfTheirBuckets() {
		assertThat(DecisionTime.bucketOf(java.time.Duration.ofSeconds(60))).isEqualTo("le60");
		assertThat(DecisionTime.bucketOf(java.time.Duration.ofSeconds(61))).isEqualTo("le300");
		assertThat(DecisionTime.bucketOf(java.time.Duration.ofDays(5000))).isEqualTo("over");
		DecisionTime.Summary summary = DecisionTime
			.summarize(Map.of("le3600", 50L, "le86400", 45L, "le604800", 4L, "over", 1L));
		assertThat(summary.count()).isEqualTo(100);
		assertThat(summary.medianAtMostSeconds()).isEqualTo(3600L);
		assertThat(summary.p95AtMostSeconds()).isEqualTo(86400L);
		DecisionTime.Summary late = DecisionTime.summarize(Map.of("le60", 1L, "over", 3L));
		assertThat(late.medianAtMostSeconds()).isNull();
		assertThat(DecisionTime.summarize(Map.of()).count()).isZero();
	}

	@Test
	void enterpriseDisclosuresCountTheirBasisAndAmendmentsMoveIt() {
		RequestReceived enterprise = Events.received(UUID.randomUUID(), "consumer", "US", "SEARCH_WARRANT",
				"ENTERPRISE", 1, "2012-08-01T00:00:00Z");
		ler.events.DecisionRecorded consented = new ler.events.DecisionRecorded(enterprise.requestId(),
				"DISCLOSE_CONTENT", "r", "c", java.time.Instant.now(), "SEEK_CUSTOMER_CONSENT",
				Events.decided(enterprise, "X", null).request(), "CUSTOMER_CONSENT");
		assertThat(Contribution.of(consented).increments()).contains(entry("consumer.customer.ENTERPRISE.content", 1L),
				entry("consumer.customer.ENTERPRISE.disclosedWithConsent", 1L),
				entry("consumer.customer.ENTERPRISE.decided", 1L));
		ler.events.DecisionAmended amended = new ler.events.DecisionAmended(enterprise.requestId(),
				"REDIRECT_TO_CUSTOMER", null, "DISCLOSE_CONTENT", "CUSTOMER_CONSENT", "consent withdrawn", "c",
				java.time.Instant.now(), consented.request());
		assertThat(Contribution.of(amended).increments()).containsOnly(entry("consumer.all.total.content", -1L),
				entry("consumer.all.total.disclosedWithConsent", -1L), entry("consumer.all.total.rejected", 1L),
				entry("consumer.all.total.redirected", 1L), entry("consumer.country.US.content", -1L),
				entry("consumer.country.US.disclosedWithConsent", -1L), entry("consumer.country.US.rejected", 1L),
				entry("consumer.country.US.redirected", 1L), entry("consumer.process.SEARCH_WARRANT.content", -1L),
				entry("consumer.process.SEARCH_WARRANT.disclosedWithConsent", -1L),
				entry("consumer.process.SEARCH_WARRANT.rejected", 1L),
				entry("consumer.process.SEARCH_WARRANT.redirected", 1L),
				entry("consumer.customer.ENTERPRISE.content", -1L),
				entry("consumer.customer.ENTERPRISE.disclosedWithConsent", -1L),
				entry("consumer.customer.ENTERPRISE.rejected", 1L),
				entry("consumer.customer.ENTERPRISE.redirected", 1L));
	}

}
