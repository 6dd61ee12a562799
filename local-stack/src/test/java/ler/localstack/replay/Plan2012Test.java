package ler.localstack.replay;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The full-scale plan reproduces every published 2012 figure before anything runs. */
class Plan2012Test {

	static final List<Plan2012.Request> PLAN = Plan2012.plan(1.0);

	static long count(Predicate<Plan2012.Request> which) {
		return PLAN.stream().filter(which).count();
	}

	static long identifiers(Predicate<Plan2012.Request> which) {
		return PLAN.stream().filter(which).mapToLong(Plan2012.Request::identifiers).sum();
	}

	static Predicate<Plan2012.Request> service(String service) {
		return (r) -> r.service().equals(service);
	}

	static Predicate<Plan2012.Request> bucket(String bucket) {
		return (r) -> r.outcome().bucket().equals(bucket);
	}

	@Test
	void totalsMatchThePublishedReport() {
		assertThat(PLAN).hasSize(75_378);
		assertThat(identifiers((r) -> true)).isEqualTo(137_424);
		assertThat(count(service("consumer"))).isEqualTo(70_665);
		assertThat(identifiers(service("consumer"))).isEqualTo(122_015);
		assertThat(count(service("skype"))).isEqualTo(4_713);
		assertThat(identifiers(service("skype"))).isEqualTo(15_409);
		assertThat(count(bucket("content"))).isEqualTo(1_558);
		assertThat(count(service("consumer").and(bucket("nonContent")))).isEqualTo(56_388);
		assertThat(count(service("consumer").and(bucket("noDataFound").or(bucket("rejected"))))).isEqualTo(12_719);
	}

	@Test
	void everyCountryRowEqualsThePublishedTable() {
		for (Plan2012.Row row : Plan2012.rows()) {
			Predicate<Plan2012.Request> country = service("consumer").and((r) -> r.country().equals(row.code()));
			assertThat(count(country)).as(row.code() + " requests").isEqualTo(row.requests());
			assertThat(identifiers(country)).as(row.code() + " accounts").isEqualTo(row.accounts());
			assertThat(count(country.and(bucket("content").or(bucket("nonContent"))))).as(row.code() + " some data")
				.isEqualTo(row.someData());
			assertThat(count(country.and(bucket("noDataFound").or(bucket("rejected"))))).as(row.code() + " no data")
				.isEqualTo(row.noData());
		}
		assertThat(Plan2012.rows()).hasSize(49);
	}

	@Test
	void contentWentToTheUsAndFourOtherCountries() {
		Map<String, Long> content = PLAN.stream()
			.filter(bucket("content"))
			.collect(Collectors.groupingBy(Plan2012.Request::country, Collectors.counting()));
		assertThat(content).containsOnlyKeys("US", "BR", "IE", "CA", "NZ");
		assertThat(content.get("US")).isEqualTo(1_544);
		assertThat(count(service("skype").and(bucket("content")))).isZero();
		assertThat(count(service("skype").and(bucket("rejected")))).isZero();
	}

	@Test
	void theTopFiveMakeTheirPublishedShares() {
		long top = count(service("consumer").and((r) -> List.of("TR", "US", "GB", "FR", "DE").contains(r.country())));
		assertThat(100.0 * top / 70_665).isBetween(68.95, 69.05);
		long topNonContent = count(service("consumer").and(bucket("nonContent"))
			.and((r) -> List.of("TR", "US", "GB", "FR", "DE").contains(r.country())));
		assertThat(100.0 * topNonContent / 56_388).isGreaterThan(66.0);
		long skypeTop = count(service("skype").and((r) -> List.of("GB", "US", "DE", "FR", "TW").contains(r.country())));
		assertThat(100.0 * skypeTop / 4_713).isBetween(80.95, 81.05);
		assertThat(count(service("skype").and((r) -> r.country().equals("GB")))).isEqualTo(1_268);
		assertThat(count(service("skype").and((r) -> r.country().equals("US")))).isEqualTo(1_154);
	}

	@Test
	void elevenEnterpriseRequestsSevenRejectedOrRedirectedFourDisclosed() {
		assertThat(count((r) -> r.outcome().enterprise())).isEqualTo(11);
		assertThat(count((r) -> r.outcome().enterprise() && r.outcome().bucket().equals("rejected"))).isEqualTo(7);
		assertThat(count((r) -> r.outcome().enterprise() && !r.outcome().bucket().equals("rejected"))).isEqualTo(4);
	}

	@Test
	void isTheSameEveryTimeAndSpansBothHalves() {
		assertThat(Plan2012.plan(1.0)).isEqualTo(PLAN);
		assertThat(count((r) -> r.receivedAt().isBefore(java.time.Instant.parse("2012-07-01T00:00:00Z"))))
			.isBetween(35_000L, 40_000L);
		assertThat(PLAN).allMatch((r) -> r.receivedAt().toString().startsWith("2012-"));
		assertThatThrownBy(() -> Plan2012.plan(0.001)).isInstanceOf(IllegalArgumentException.class);
	}

}
