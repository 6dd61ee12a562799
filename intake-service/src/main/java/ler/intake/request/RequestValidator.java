package ler.intake.request;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ler.intake.request.NewRequest.Identifier;

/** The intake rules. Pure: a request is valid or gets every violation at once. */
@org.springframework.stereotype.Component
public final class RequestValidator {

	static final int MAX_TEXT = 200;

	static final int MAX_EMAIL = 254;

	static final int MAX_IDENTIFIERS = 1000;

	static final int MAX_IDENTIFIER_VALUE = 320;

	/**
	 * The identifier values of one request together (and their keys likewise), in the
	 * bytes they take inside the event's JSON: UTF-8, with a quote or a backslash taking
	 * two (its escape). 1,000 identifiers of 320 ASCII letters or digits fit. Measured as
	 * written, values and keys together stay well below the broker's 1 MB record limit
	 * whatever the characters, so an accepted request can always be published.
	 */
	static final int MAX_IDENTIFIER_BYTES = 320_000;

	static final int MAX_JUSTIFICATION = 2000;

	static final int MAX_REASON = 2000;

	/** Dates outside these years are typing errors, and beyond what a store can hold. */
	static final Instant EARLIEST_DATE = Instant.parse("1900-01-01T00:00:00Z");

	static final Instant LATEST_DATE = Instant.parse("9999-12-31T23:59:59Z");

	/** No agency request in scope predates the services concerned. */
	static final Instant EARLIEST_RECEIVED_AT = Instant.parse("1990-01-01T00:00:00Z");

	/**
	 * An address as RFC 5321/5322 write it without quoting or comments: a dot-atom local
	 * part of ASCII letters, digits and {@code !#$%&'*+/=?^_`{|}~-} (at most 64), then a
	 * host name of letters, digits and hyphens. So no invisible or look-alike character
	 * (a right-to-left override, a zero-width space, a full-width {@code @}) can make the
	 * address counsel reads differ from where mail goes.
	 */
	private static final Pattern EMAIL = Pattern
		.compile("^(?=[^@]{1,64}@)[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+" + "(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
				+ "@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

	/**
	 * Invisible formatting characters (Unicode category Cf: bidirectional overrides,
	 * zero-width spaces and joiners): refused in an agency's name, as the provider's
	 * register refuses them, so a name cannot look like another.
	 */
	private static final Pattern FORMAT = Pattern.compile("\\p{Cf}");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final IntakeProperties properties;

	private final Clock clock;

	private final IdentifierKeys keys;

	public RequestValidator(IntakeProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.keys = new IdentifierKeys(properties.emailLocalPartCaseInsensitive());
	}

	/**
	 * @return the request in domain terms, or throws with every violation found
	 */
	public ValidRequest validate(NewRequest request) {
		if (request == null) {
			throw new InvalidRequestException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		List<Violation> unicode = unicode(texts(request));
		List<Violation> violations = new ArrayList<>();
		if (request.agency() == null) {
			violations.add(new Violation("agency", "required", "agency is required"));
		}
		else {
			if (text(violations, "agency.name", request.agency().name(), MAX_TEXT)
					&& FORMAT.matcher(request.agency().name()).find()) {
				violations.add(new Violation("agency.name", "no-format-characters",
						"agency.name must not contain invisible formatting characters (such as a zero-width space"
								+ " or a right-to-left override)"));
			}
			String country = request.agency().country();
			if (country == null || country.isEmpty()) {
				violations.add(new Violation("agency.country", "required", "agency.country is required"));
			}
			else if (!this.properties.knownCountry(country)) {
				violations.add(new Violation("agency.country", "iso-3166-1-alpha-2",
						"agency.country must be an upper-case ISO 3166-1 alpha-2 code such as GB or US, or one of "
								+ new java.util.TreeSet<>(this.properties.extraCountryCodes().keySet())));
			}
			String email = request.agency().contactEmail();
			if (email == null || email.isEmpty()) {
				violations.add(new Violation("agency.contactEmail", "required", "agency.contactEmail is required"));
			}
			else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
				violations.add(new Violation("agency.contactEmail", "email",
						"agency.contactEmail must be an email address of at most " + MAX_EMAIL
								+ " characters, such as liaison@agency.example: ASCII letters, digits and"
								+ " !#$%&'*+/=?^_`{|}~- before the @, in dot-separated parts of at most 64 in all"));
			}
		}
		if (request.service() == null || request.service().isEmpty()) {
			violations.add(new Violation("service", "required", "service is required"));
		}
		else if (!this.properties.services().contains(request.service())) {
			violations.add(new Violation("service", "one-of", "service must be one of " + this.properties.services()));
		}
		CustomerType customerType = oneOf(violations, "customerType", request.customerType(), CustomerType.class);
		LegalProcess legalProcess = oneOf(violations, "legalProcess", request.legalProcess(), LegalProcess.class);
		List<ValidRequest.Identifier> identifiers = identifiers(violations, request.identifiers());
		Instant receivedAt = receivedAt(violations, request.receivedAt());
		if (customerType == CustomerType.ENTERPRISE) {
			text(violations, "enterpriseCustomer", request.enterpriseCustomer(), MAX_TEXT);
		}
		else if (request.enterpriseCustomer() != null) {
			violations.add(new Violation("enterpriseCustomer", "enterprise-only",
					"enterpriseCustomer is only for customerType ENTERPRISE"));
		}
		List<DataCategory> categories = dataCategories(violations, request.dataCategories());
		Instant dataFrom = null;
		Instant dataTo = null;
		if (request.dataRange() != null) {
			dataFrom = dateTime(violations, "dataRange.from", request.dataRange().from());
			dataTo = dateTime(violations, "dataRange.to", request.dataRange().to());
			if (dataFrom != null && dataTo != null && dataFrom.isAfter(dataTo)) {
				violations
					.add(new Violation("dataRange", "from-before-to", "dataRange.from must not be after dataRange.to"));
			}
		}
		if (legalProcess == LegalProcess.EMERGENCY || request.emergencyJustification() != null) {
			text(violations, "emergencyJustification", request.emergencyJustification(), MAX_JUSTIFICATION);
		}
		Instant nondisclosureUntil = (request.nondisclosureUntil() == null) ? null
				: dateTime(violations, "nondisclosureUntil", request.nondisclosureUntil());
		if (nondisclosureUntil != null && receivedAt != null && !nondisclosureUntil.isAfter(receivedAt)) {
			violations.add(new Violation("nondisclosureUntil", "after-received-at",
					"nondisclosureUntil must be after receivedAt"));
		}
		if (!unicode.isEmpty()) {
			// a field that is not text gets that answer alone, not rules it breaks as a
			// result
			Set<String> malformed = unicode.stream().map(Violation::field).collect(Collectors.toSet());
			violations.removeIf((v) -> malformed.contains(v.field()));
			violations.addAll(0, unicode);
		}
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return new ValidRequest(
				new ValidRequest.Agency(request.agency().name(), request.agency().country(),
						request.agency().contactEmail()),
				request.service(), customerType, legalProcess, identifiers, receivedAt,
				this.properties.verified(request.agency().country(), request.agency().contactEmail()),
				request.enterpriseCustomer(), categories, dataFrom, dataTo, request.emergencyJustification(),
				nondisclosureUntil);
	}

	private static List<DataCategory> dataCategories(List<Violation> violations, List<String> values) {
		if (values == null) {
			return List.of();
		}
		List<DataCategory> categories = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			DataCategory category = oneOf(violations, "dataCategories[" + i + "]", values.get(i), DataCategory.class);
			if (category != null && categories.contains(category)) {
				violations
					.add(new Violation("dataCategories[" + i + "]", "unique", "dataCategories repeats " + category));
			}
			else if (category != null) {
				categories.add(category);
			}
		}
		return categories;
	}

	/** An RFC 3339 date-time, or a plain date meaning its start (UTC). */
	private static Instant dateTime(List<Violation> violations, String field, String value) {
		if (value == null || value.isEmpty()) {
			violations.add(new Violation(field, "required", field + " is required"));
			return null;
		}
		Instant instant;
		try {
			instant = OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				instant = java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notADate) {
				violations.add(new Violation(field, "date-time",
						field + " must be a date (2013-03-14) or an RFC 3339 date-time (2013-03-14T00:00:00Z)"));
				return null;
			}
		}
		if (instant.isBefore(EARLIEST_DATE) || instant.isAfter(LATEST_DATE)) {
			violations.add(new Violation(field, "years-1900-to-9999", field + " must lie in the years 1900 to 9999"));
			return null;
		}
		return instant;
	}

	private List<ValidRequest.Identifier> identifiers(List<Violation> violations, List<Identifier> identifiers) {
		if (identifiers == null || identifiers.isEmpty()) {
			violations.add(new Violation("identifiers", "min-size", "at least one identifier is required"));
			return List.of();
		}
		if (identifiers.size() > MAX_IDENTIFIERS) {
			violations.add(new Violation("identifiers", "max-size",
					"at most " + MAX_IDENTIFIERS + " identifiers per request"));
			return List.of();
		}
		List<ValidRequest.Identifier> valid = new ArrayList<>();
		Map<String, Integer> seen = new HashMap<>();
		for (int i = 0; i < identifiers.size(); i++) {
			Identifier identifier = identifiers.get(i);
			String path = "identifiers[" + i + "]";
			if (identifier == null) {
				violations.add(new Violation(path, "required", path + " must be an object"));
				continue;
			}
			IdentifierType type = oneOf(violations, path + ".type", identifier.type(), IdentifierType.class);
			boolean ok = text(violations, path + ".value", identifier.value(), MAX_IDENTIFIER_VALUE);
			if (type == null || !ok || !wellFormed(identifier.value())) {
				continue;
			}
			IdentifierKeys.Key key = this.keys.key(type, identifier.value());
			if (key.refused()) {
				violations.add(new Violation(path + ".value", key.rule(), path + ".value: " + key.message()));
				continue;
			}
			Integer first = seen.putIfAbsent(type + " " + key.key(), i);
			if (first != null) {
				// said without the value: identifiers never appear in answers or logs
				violations.add(new Violation(path + ".value", "unique-identifier",
						path + " names the same " + type + " as identifiers[" + first
								+ "] (compared after normalisation: case, Unicode form, number or address format)"));
				continue;
			}
			valid.add(new ValidRequest.Identifier(type, identifier.value(), key.key()));
		}
		long values = valid.stream().mapToLong((i) -> jsonLength(i.value())).sum();
		long keys = valid.stream().mapToLong((i) -> jsonLength(i.key())).sum();
		if (values > MAX_IDENTIFIER_BYTES || keys > MAX_IDENTIFIER_BYTES) {
			violations.add(new Violation("identifiers", "max-total-bytes",
					"the identifier values may total at most " + MAX_IDENTIFIER_BYTES
							+ " bytes as written in JSON: UTF-8, a quote or backslash counting two"
							+ " (1,000 identifiers of 320 ASCII letters or digits)"));
		}
		return valid;
	}

	private Instant receivedAt(List<Violation> violations, String value) {
		Instant now = this.clock.instant();
		if (value == null) {
			return now;
		}
		Instant receivedAt;
		try {
			receivedAt = OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			violations.add(new Violation("receivedAt", "date-time",
					"receivedAt must be an RFC 3339 date-time such as 2012-03-14T10:00:00Z"));
			return null;
		}
		if (receivedAt.isAfter(now.plus(this.properties.clockSkew()))) {
			violations.add(new Violation("receivedAt", "not-in-future", "receivedAt must not be in the future"));
		}
		else if (receivedAt.isBefore(EARLIEST_RECEIVED_AT)) {
			violations.add(new Violation("receivedAt", "not-before-1990", "receivedAt must not be before 1990"));
		}
		return receivedAt;
	}

	/**
	 * The reason for a withdrawal: required, at most {@value #MAX_REASON} characters,
	 * well formed text.
	 */
	public String withdrawalReason(String reason) {
		if (reason != null && !wellFormed(reason)) {
			throw new InvalidRequestException(List.of(unicodeViolation("reason")));
		}
		List<Violation> violations = new ArrayList<>();
		text(violations, "reason", reason, MAX_REASON);
		if (!violations.isEmpty()) {
			throw new InvalidRequestException(violations);
		}
		return reason;
	}

	/**
	 * The bytes {@code text} takes inside a JSON string as the event codec writes it:
	 * UTF-8, a quote or backslash escaped to two, a control character to six at most.
	 */
	static long jsonLength(String text) {
		long escapes = text.chars().filter((c) -> c == '"' || c == '\\').count()
				+ 5 * text.chars().filter((c) -> c < 0x20).count();
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + escapes;
	}

	/** Every string of the request, by its JSON path. */
	private static Map<String, String> texts(NewRequest request) {
		Map<String, String> texts = new LinkedHashMap<>();
		if (request.agency() != null) {
			texts.put("agency.name", request.agency().name());
			texts.put("agency.country", request.agency().country());
			texts.put("agency.contactEmail", request.agency().contactEmail());
		}
		texts.put("service", request.service());
		texts.put("customerType", request.customerType());
		texts.put("legalProcess", request.legalProcess());
		if (request.identifiers() != null) {
			for (int i = 0; i < request.identifiers().size(); i++) {
				Identifier identifier = request.identifiers().get(i);
				if (identifier != null) {
					texts.put("identifiers[" + i + "].type", identifier.type());
					texts.put("identifiers[" + i + "].value", identifier.value());
				}
			}
		}
		texts.put("receivedAt", request.receivedAt());
		texts.put("enterpriseCustomer", request.enterpriseCustomer());
		if (request.dataCategories() != null) {
			for (int i = 0; i < request.dataCategories().size(); i++) {
				texts.put("dataCategories[" + i + "]", request.dataCategories().get(i));
			}
		}
		if (request.dataRange() != null) {
			texts.put("dataRange.from", request.dataRange().from());
			texts.put("dataRange.to", request.dataRange().to());
		}
		texts.put("emergencyJustification", request.emergencyJustification());
		texts.put("nondisclosureUntil", request.nondisclosureUntil());
		return texts;
	}

	private static List<Violation> unicode(Map<String, String> texts) {
		List<Violation> violations = new ArrayList<>();
		texts.forEach((field, value) -> {
			if (value != null && !wellFormed(value)) {
				violations.add(unicodeViolation(field));
			}
		});
		return violations;
	}

	private static Violation unicodeViolation(String field) {
		return new Violation(field, "unicode", field
				+ " must be well-formed Unicode text: a lone UTF-16 surrogate (such as \\ud800) is not a character");
	}

	/**
	 * False when {@code value} holds a lone UTF-16 surrogate. JSON may spell one as an
	 * escape ({@code "\\ud800"}) and the parser keeps it; stored as UTF-8 it would turn
	 * into U+FFFD, an identifier nobody submitted.
	 */
	static boolean wellFormed(String value) {
		// String.codePoints() joins each surrogate pair into one code point: a surrogate
		// left over is a lone one
		return value.codePoints().noneMatch((cp) -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
	}

	private static boolean text(List<Violation> violations, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			violations.add(new Violation(field, "required", field + " is required"));
			return false;
		}
		if (value.length() > max) {
			violations.add(new Violation(field, "max-length", field + " must be at most " + max + " characters"));
			return false;
		}
		if (CONTROL.matcher(value).find()) {
			violations
				.add(new Violation(field, "no-control-characters", field + " must not contain control characters"));
			return false;
		}
		return true;
	}

	private static <E extends Enum<E>> E oneOf(List<Violation> violations, String field, String value, Class<E> type) {
		if (value == null || value.isEmpty()) {
			violations.add(new Violation(field, "required", field + " is required"));
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			violations.add(new Violation(field, "one-of", field + " must be one of "
					+ Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))));
			return null;
		}
	}

}
