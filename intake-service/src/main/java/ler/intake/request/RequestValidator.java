package ler.intake.request;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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

	static final int MAX_JUSTIFICATION = 2000;

	/** No agency request in scope predates the services concerned. */
	static final Instant EARLIEST_RECEIVED_AT = Instant.parse("1990-01-01T00:00:00Z");

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern EMAIL = Pattern.compile(
			"^[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

	private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

	private final IntakeProperties properties;

	private final Clock clock;

	public RequestValidator(IntakeProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * @return the request in domain terms, or throws with every violation found
	 */
	public ValidRequest validate(NewRequest request) {
		List<Violation> violations = new ArrayList<>();
		if (request == null) {
			throw new InvalidRequestException(
					List.of(new Violation("", "required", "a JSON request body is required")));
		}
		if (request.agency() == null) {
			violations.add(new Violation("agency", "required", "agency is required"));
		}
		else {
			text(violations, "agency.name", request.agency().name(), MAX_TEXT);
			String country = request.agency().country();
			if (country == null || country.isEmpty()) {
				violations.add(new Violation("agency.country", "required", "agency.country is required"));
			}
			else if (!COUNTRIES.contains(country)) {
				violations.add(new Violation("agency.country", "iso-3166-1-alpha-2",
						"agency.country must be an upper-case ISO 3166-1 alpha-2 code such as GB or US"));
			}
			String email = request.agency().contactEmail();
			if (email == null || email.isEmpty()) {
				violations.add(new Violation("agency.contactEmail", "required", "agency.contactEmail is required"));
			}
			else if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
				violations.add(new Violation("agency.contactEmail", "email",
						"agency.contactEmail must be an email address of at most " + MAX_EMAIL + " characters"));
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
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				return java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
			}
			catch (DateTimeParseException notADate) {
				violations.add(new Violation(field, "date-time",
						field + " must be a date (2013-03-14) or an RFC 3339 date-time (2013-03-14T00:00:00Z)"));
				return null;
			}
		}
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
		for (int i = 0; i < identifiers.size(); i++) {
			Identifier identifier = identifiers.get(i);
			String path = "identifiers[" + i + "]";
			if (identifier == null) {
				violations.add(new Violation(path, "required", path + " must be an object"));
				continue;
			}
			IdentifierType type = oneOf(violations, path + ".type", identifier.type(), IdentifierType.class);
			boolean ok = text(violations, path + ".value", identifier.value(), MAX_IDENTIFIER_VALUE);
			if (type != null && ok) {
				valid.add(new ValidRequest.Identifier(type, identifier.value()));
			}
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
