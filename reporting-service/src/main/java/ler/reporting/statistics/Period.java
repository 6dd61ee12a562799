package ler.reporting.statistics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Report periods. A request counts in the half-year of its {@code receivedAt} (UTC);
 * periods end on 30 June and 31 December, as in the published reports.
 */
public record Period(String label, List<String> halfYears) {

	private static final Pattern YEAR = Pattern.compile("(\\d{4})");

	private static final Pattern HALF = Pattern.compile("(\\d{4})-H([12])");

	public static final Period ALL = new Period("all", List.of());

	public static String halfYearOf(Instant instant) {
		ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
		return utc.getYear() + ((utc.getMonthValue() <= 6) ? "-H1" : "-H2");
	}

	/**
	 * @return the period, or null when {@code text} names none
	 */
	public static Period parse(String text) {
		if (text == null || text.equals("all")) {
			return ALL;
		}
		Matcher half = HALF.matcher(text);
		if (half.matches()) {
			return new Period(text, List.of(text));
		}
		Matcher year = YEAR.matcher(text);
		if (year.matches()) {
			return new Period(text, List.of(text + "-H1", text + "-H2"));
		}
		return null;
	}

	/**
	 * @return the period {@code text} names
	 * @throws InvalidQueryException naming the {@code period} parameter when it names
	 * none
	 */
	public static Period require(String text) {
		Period period = parse(text);
		if (period == null) {
			throw new InvalidQueryException("period", "period",
					"period must be 'all', a year such as 2012, or a half-year such as 2012-H1");
		}
		return period;
	}

	public boolean includes(String halfYear) {
		return this.halfYears.isEmpty() || this.halfYears.contains(halfYear);
	}

}
