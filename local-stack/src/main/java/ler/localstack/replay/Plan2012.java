package ler.localstack.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The year 2012 as individual requests and decisions, consistent with Microsoft's Law
 * Enforcement Requests Report (published March 2013). Deterministic: the same scale gives
 * the same plan. The rules where the public data say less than a request needs:
 * <ul>
 * <li><b>Microsoft excluding Skype</b> (service {@code consumer}): the 49 rows of the
 * published per-country table (requests, accounts, some data disclosed, no data
 * disclosed). Content: US 1,544 (search warrants) and 14 by treaty (MLAT): Brazil 5,
 * Ireland 3, Canada 3, New Zealand 3; all other disclosures non-content (subpoenas). No
 * data disclosed splits into Rejected (a fifth, rounded down) and No data found (the
 * rest). Accounts spread evenly over a country's requests, the remainder one each to its
 * first requests.</li>
 * <li><b>Enterprise</b>: 11 of the US, UK and German requests concern enterprise
 * customers: 4 disclosed (US: 2 content with the customer's consent, 2 non-content under
 * contract) and 7 rejected or redirected (US 2 redirected and 1 rejected, UK 2
 * redirected, Germany 2 rejected). They are part of their countries' rows.</li>
 * <li><b>Skype</b> (service {@code skype}): 4,713 requests, 15,409 accounts; UK 1,268, US
 * 1,154, Germany 560, France 500, Taiwan 336 (the top five: 81.0%), the other 895 over
 * ten countries; 85% (rounded down) non-content, the rest no data found; no content, no
 * rejections.</li>
 * <li>Requests spread evenly over the year by {@code receivedAt}.</li>
 * </ul>
 * At a reduced scale every count is scaled and rounded, and the enterprise requests stay.
 */
public final class Plan2012 {

	static final String CSV = "/replay/microsoft-2012-consumer-excl-skype-by-country.csv";

	static final Map<String, Integer> FOREIGN_CONTENT = Map.of("BR", 5, "IE", 3, "CA", 3, "NZ", 3);

	static final Map<String, Integer> SKYPE_REQUESTS = new LinkedHashMap<>();

	static {
		SKYPE_REQUESTS.put("GB", 1268);
		SKYPE_REQUESTS.put("US", 1154);
		SKYPE_REQUESTS.put("DE", 560);
		SKYPE_REQUESTS.put("FR", 500);
		SKYPE_REQUESTS.put("TW", 336);
		SKYPE_REQUESTS.put("NL", 150);
		SKYPE_REQUESTS.put("ES", 130);
		SKYPE_REQUESTS.put("IT", 120);
		SKYPE_REQUESTS.put("AU", 110);
		SKYPE_REQUESTS.put("BR", 100);
		SKYPE_REQUESTS.put("SE", 90);
		SKYPE_REQUESTS.put("PL", 80);
		SKYPE_REQUESTS.put("CA", 60);
		SKYPE_REQUESTS.put("IE", 30);
		SKYPE_REQUESTS.put("BE", 25);
	}

	static final int SKYPE_ACCOUNTS = 15_409;

	private static final Instant YEAR_START = Instant.parse("2012-01-01T00:00:00Z");

	/** What counsel does, step by step, to reach the planned outcome. */
	public enum Outcome {

		CONTENT, NON_CONTENT, NO_DATA_FOUND, REJECTED, ENTERPRISE_CONTENT_WITH_CONSENT,
		ENTERPRISE_NON_CONTENT_UNDER_CONTRACT, ENTERPRISE_REDIRECTED, ENTERPRISE_REJECTED;

		public String bucket() {
			return switch (this) {
				case CONTENT, ENTERPRISE_CONTENT_WITH_CONSENT -> "content";
				case NON_CONTENT, ENTERPRISE_NON_CONTENT_UNDER_CONTRACT -> "nonContent";
				case NO_DATA_FOUND -> "noDataFound";
				case REJECTED, ENTERPRISE_REDIRECTED, ENTERPRISE_REJECTED -> "rejected";
			};
		}

		public boolean enterprise() {
			return name().startsWith("ENTERPRISE");
		}

	}

	/** One request of the plan and the outcome counsel will give it. */
	public record Request(String key, String service, String country, String countryName, String legalProcess,
			int identifiers, Instant receivedAt, Outcome outcome) {
	}

	/** A row of the published table. */
	record Row(String code, String name, int requests, int accounts, int someData, int noData) {
	}

	private Plan2012() {
	}

	public static List<Request> plan(double scale) {
		if (scale < 0.01 || scale > 1.0) {
			throw new IllegalArgumentException("scale must be between 0.01 and 1");
		}
		List<Request> plan = new ArrayList<>();
		for (Row published : rows()) {
			Row row = scaled(published, scale);
			int content = (int) Math.min(row.someData(),
					Math.round(("US".equals(row.code()) ? 1544 : FOREIGN_CONTENT.getOrDefault(row.code(), 0)) * scale));
			int rejected = row.noData() / 5;
			List<Outcome> outcomes = new ArrayList<>();
			enterprise(row.code(), outcomes);
			long enterpriseContent = outcomes.stream().filter((o) -> o.bucket().equals("content")).count();
			long enterpriseNonContent = outcomes.stream().filter((o) -> o.bucket().equals("nonContent")).count();
			long enterpriseRejected = outcomes.stream().filter((o) -> o.bucket().equals("rejected")).count();
			add(outcomes, Outcome.CONTENT, content - enterpriseContent);
			add(outcomes, Outcome.NON_CONTENT, row.someData() - content - enterpriseNonContent);
			add(outcomes, Outcome.REJECTED, rejected - enterpriseRejected);
			add(outcomes, Outcome.NO_DATA_FOUND, row.noData() - rejected);
			spread(plan, "consumer", row, outcomes, (o) -> switch (o) {
				case CONTENT -> "US".equals(row.code()) ? "SEARCH_WARRANT" : "MLAT";
				case ENTERPRISE_CONTENT_WITH_CONSENT -> "SEARCH_WARRANT";
				default -> "SUBPOENA";
			});
		}
		int skypeTotal = SKYPE_REQUESTS.values().stream().mapToInt(Integer::intValue).sum();
		int[] accounts = largestRemainder(SKYPE_ACCOUNTS,
				SKYPE_REQUESTS.values().stream().mapToInt(Integer::intValue).toArray());
		int i = 0;
		for (Map.Entry<String, Integer> country : SKYPE_REQUESTS.entrySet()) {
			int requests = Math.max(1, (int) Math.round(country.getValue() * scale));
			int rowAccounts = Math.max(requests, (int) Math.round(accounts[i++] * scale));
			int nonContent = requests * 85 / 100;
			List<Outcome> outcomes = new ArrayList<>();
			add(outcomes, Outcome.NON_CONTENT, nonContent);
			add(outcomes, Outcome.NO_DATA_FOUND, requests - nonContent);
			spread(plan, "skype", new Row(country.getKey(), country.getKey(), requests, rowAccounts, nonContent,
					requests - nonContent), outcomes, (o) -> "SUBPOENA");
		}
		assert skypeTotal == 4713;
		return plan;
	}

	/** The published table of Microsoft excluding Skype, as shipped with the project. */
	static List<Row> rows() {
		List<Row> rows = new ArrayList<>();
		try (BufferedReader in = new BufferedReader(
				new InputStreamReader(Plan2012.class.getResourceAsStream(CSV), StandardCharsets.UTF_8))) {
			in.readLine();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				String[] cells = line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
				rows.add(new Row(cells[0], cells[1].replace("\"", ""), Integer.parseInt(cells[2]),
						Integer.parseInt(cells[3]), Integer.parseInt(cells[4]), Integer.parseInt(cells[5])));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

	private static Row scaled(Row row, double scale) {
		if (scale == 1.0) {
			return row;
		}
		int requests = Math.max(1, (int) Math.round(row.requests() * scale));
		int someData = (int) Math.min(requests, Math.round(row.someData() * scale));
		return new Row(row.code(), row.name(), requests, Math.max(requests, (int) Math.round(row.accounts() * scale)),
				someData, requests - someData);
	}

	private static void enterprise(String country, List<Outcome> outcomes) {
		switch (country) {
			case "US" -> {
				add(outcomes, Outcome.ENTERPRISE_CONTENT_WITH_CONSENT, 2);
				add(outcomes, Outcome.ENTERPRISE_NON_CONTENT_UNDER_CONTRACT, 2);
				add(outcomes, Outcome.ENTERPRISE_REDIRECTED, 2);
				add(outcomes, Outcome.ENTERPRISE_REJECTED, 1);
			}
			case "GB" -> add(outcomes, Outcome.ENTERPRISE_REDIRECTED, 2);
			case "DE" -> add(outcomes, Outcome.ENTERPRISE_REJECTED, 2);
			default -> {
			}
		}
	}

	private static void add(List<Outcome> outcomes, Outcome outcome, long count) {
		if (count < 0) {
			throw new IllegalStateException("the plan needs a negative count of " + outcome);
		}
		for (long i = 0; i < count; i++) {
			outcomes.add(outcome);
		}
	}

	/**
	 * Gives each outcome a request: identifiers spread evenly, times spread over the
	 * year.
	 */
	private static void spread(List<Request> plan, String service, Row row, List<Outcome> outcomes,
			java.util.function.Function<Outcome, String> process) {
		if (outcomes.size() != row.requests()) {
			throw new IllegalStateException(
					row.code() + ": " + outcomes.size() + " outcomes for " + row.requests() + " requests");
		}
		// outcomes interleave over the year, the same way every time
		java.util.Collections.shuffle(outcomes, new java.util.Random(service.hashCode() * 31L + row.code().hashCode()));
		int base = row.accounts() / row.requests();
		int extra = row.accounts() % row.requests();
		for (int k = 0; k < row.requests(); k++) {
			Outcome outcome = outcomes.get(k);
			long second = (long) k * 366 * 86_400 / row.requests() + Math.floorMod((row.code() + k).hashCode(), 3_600);
			plan.add(new Request(service + "-" + row.code() + "-" + k, service, row.code(), row.name(),
					process.apply(outcome), base + ((k < extra) ? 1 : 0), YEAR_START.plus(second, ChronoUnit.SECONDS),
					outcome));
		}
	}

	static int[] largestRemainder(int total, int[] weights) {
		long sum = java.util.Arrays.stream(weights).asLongStream().sum();
		int[] shares = new int[weights.length];
		double[] remainders = new double[weights.length];
		int given = 0;
		for (int i = 0; i < weights.length; i++) {
			double exact = (double) total * weights[i] / sum;
			shares[i] = (int) Math.floor(exact);
			remainders[i] = exact - shares[i];
			given += shares[i];
		}
		Integer[] order = new Integer[weights.length];
		for (int i = 0; i < order.length; i++) {
			order[i] = i;
		}
		java.util.Arrays.sort(order, (a, b) -> Double.compare(remainders[b], remainders[a]));
		for (int i = 0; i < total - given; i++) {
			shares[order[i]]++;
		}
		return shares;
	}

}
