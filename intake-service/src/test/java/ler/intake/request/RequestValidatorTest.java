package ler.intake.request;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestValidatorTest {

	static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

	final RequestValidator validator = new RequestValidator(properties(true), Clock.fixed(NOW, ZoneOffset.UTC));

	static IntakeProperties properties(boolean emailLocalPartCaseInsensitive) {
		return new IntakeProperties(List.of("consumer", "skype"), java.util.Map.of("GB", List.of("police.uk")),
				java.util.Map.of("XK", "Kosovo"), emailLocalPartCaseInsensitive, Duration.ofHours(48),
				Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofMinutes(5),
				org.springframework.util.unit.DataSize.ofMegabytes(10));
	}

	static NewRequest aSubpoena() {
		return new NewRequest(new NewRequest.Agency("Metropolitan Police Service", "GB", "liaison@met.police.uk"),
				"consumer", "CONSUMER", "SUBPOENA", List.of(new NewRequest.Identifier("EMAIL", "someone@example.com")),
				"2012-03-14T10:00:00Z");
	}

	@Test
	void acceptsAWellFormedRequest() {
		ValidRequest valid = this.validator.validate(aSubpoena());
		assertThat(valid.legalProcess()).isEqualTo(LegalProcess.SUBPOENA);
		assertThat(valid.receivedAt()).isEqualTo(Instant.parse("2012-03-14T10:00:00Z"));
		assertThat(valid.identifiers()).containsExactly(
				new ValidRequest.Identifier(IdentifierType.EMAIL, "someone@example.com", "someone@example.com"));
	}

	@Test
	void receivedAtDefaultsToNow() {
		NewRequest r = aSubpoena();
		NewRequest noDate = new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				null);
		assertThat(this.validator.validate(noDate).receivedAt()).isEqualTo(NOW);
	}

	@Test
	void namesEveryBrokenRuleAtOnce() {
		NewRequest bad = new NewRequest(new NewRequest.Agency("", "gb", "not-an-email"), "hotmail", "PERSON", "FAX",
				List.of(), "2031-01-01T00:00:00Z");
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class,
				() -> this.validator.validate(bad));
		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("agency.name", "required"),
					org.assertj.core.groups.Tuple.tuple("agency.country", "iso-3166-1-alpha-2"),
					org.assertj.core.groups.Tuple.tuple("agency.contactEmail", "email"),
					org.assertj.core.groups.Tuple.tuple("service", "one-of"),
					org.assertj.core.groups.Tuple.tuple("customerType", "one-of"),
					org.assertj.core.groups.Tuple.tuple("legalProcess", "one-of"),
					org.assertj.core.groups.Tuple.tuple("identifiers", "min-size"),
					org.assertj.core.groups.Tuple.tuple("receivedAt", "not-in-future"));
	}

	/**
	 * The contact address counsel reads is where mail goes: no invisible or look-alike
	 * character in it; an agency's name has no invisible formatting either.
	 */
	@Test
	void aContactAddressOrAgencyNameWithInvisibleOrLookAlikeCharactersIsRefused() {
		NewRequest r = aSubpoena();
		for (String email : List.of("\u202Evog.ibf@met.police.uk", "x\u200B@met.police.uk",
				"x\uFF20fbi.gov@met.police.uk", "x,y@met.police.uk", "<x>@met.police.uk", ".x@met.police.uk",
				"x..y@met.police.uk", "\u00E9lise@met.police.uk", "a".repeat(65) + "@met.police.uk")) {
			NewRequest bad = new NewRequest(new NewRequest.Agency(r.agency().name(), r.agency().country(), email),
					r.service(), r.customerType(), r.legalProcess(), r.identifiers(), null);
			assertThat(rules(bad)).as(email).containsExactly("agency.contactEmail:email");
		}
		for (String email : List.of("liaison@met.police.uk", "first.last+ler@met.police.uk", "x%relay@met.police.uk",
				"o'brien@met.police.uk", "a".repeat(64) + "@met.police.uk")) {
			NewRequest good = new NewRequest(new NewRequest.Agency(r.agency().name(), r.agency().country(), email),
					r.service(), r.customerType(), r.legalProcess(), r.identifiers(), null);
			assertThat(this.validator.validate(good).agency().contactEmail()).isEqualTo(email);
		}
		for (String name : List.of("Metropolitan\u200B Police Service", "\u202EMetropolitan Police Service")) {
			NewRequest bad = new NewRequest(
					new NewRequest.Agency(name, r.agency().country(), r.agency().contactEmail()), r.service(),
					r.customerType(), r.legalProcess(), r.identifiers(), null);
			assertThat(rules(bad)).as(name).containsExactly("agency.name:no-format-characters");
		}
	}

	@Test
	void refusesMissingAgencyAndBody() {
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(null, r.service(), r.customerType(), r.legalProcess(), r.identifiers(), null)))
			.containsExactly("agency:required");
		assertThatThrownBy(() -> this.validator.validate(null)).isInstanceOf(InvalidRequestException.class);
	}

	@Test
	void boundsIdentifiers() {
		NewRequest r = aSubpoena();
		List<NewRequest.Identifier> tooMany = Collections.nCopies(RequestValidator.MAX_IDENTIFIERS + 1,
				new NewRequest.Identifier("EMAIL", "a@b.c"));
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), tooMany, null)))
			.containsExactly("identifiers:max-size");
		List<NewRequest.Identifier> bad = java.util.Arrays.asList(new NewRequest.Identifier("SHOE_SIZE", "42"),
				new NewRequest.Identifier("EMAIL", "x".repeat(RequestValidator.MAX_IDENTIFIER_VALUE + 1)),
				new NewRequest.Identifier("PHONE", "+44\u0000"), null);
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), bad, null)))
			.containsExactly("identifiers[0].type:one-of", "identifiers[1].value:max-length",
					"identifiers[2].value:no-control-characters", "identifiers[3]:required");
	}

	@Test
	void identifiersAreBudgetedAsTheyAreWrittenInTheEvent() {
		assertThat(RequestValidator.jsonLength("abc")).isEqualTo(3);
		assertThat(RequestValidator.jsonLength("\"\\")).isEqualTo(4);
		assertThat(RequestValidator.jsonLength("\u4e2d")).isEqualTo(3);
		assertThat(RequestValidator.jsonLength("\u0001")).isEqualTo(6);
	}

	@Test
	void refusesBadDates() {
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"yesterday")))
			.containsExactly("receivedAt:date-time");
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"1970-01-01T00:00:00Z")))
			.containsExactly("receivedAt:not-before-1990");
		// a clock a little fast at the agency is tolerated
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"2026-11-26T12:04:00Z")))
			.isEmpty();
	}

	private List<String> rules(NewRequest request) {
		try {
			this.validator.validate(request);
			return List.of();
		}
		catch (InvalidRequestException ex) {
			return ex.violations().stream().map((v) -> v.field() + ":" + v.rule()).toList();
		}
	}

	@Test
	void verifiesRequestersByTheirCountrysGovernmentDomains() {
		assertThat(this.validator.validate(aSubpoena()).requesterVerified()).isTrue();
		NewRequest r = aSubpoena();
		NewRequest fromGmail = new NewRequest(new NewRequest.Agency("Met", "GB", "officer@gmail.com"), r.service(),
				r.customerType(), r.legalProcess(), r.identifiers(), null);
		assertThat(this.validator.validate(fromGmail).requesterVerified()).isFalse();
		NewRequest wrongCountry = new NewRequest(new NewRequest.Agency("Met", "US", "liaison@met.police.uk"),
				r.service(), r.customerType(), r.legalProcess(), r.identifiers(), null);
		assertThat(this.validator.validate(wrongCountry).requesterVerified()).isFalse();
		NewRequest lookalike = new NewRequest(new NewRequest.Agency("Met", "GB", "x@notpolice.uk"), r.service(),
				r.customerType(), r.legalProcess(), r.identifiers(), null);
		assertThat(this.validator.validate(lookalike).requesterVerified()).isFalse();
	}

	@Test
	void anEnterpriseRequestNamesTheCustomerAndAnEmergencyItsJustification() {
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(r.agency(), r.service(), "ENTERPRISE", "EMERGENCY", r.identifiers(), null, null,
				null, null, null, null)))
			.containsExactly("enterpriseCustomer:required", "emergencyJustification:required");
		assertThat(rules(new NewRequest(r.agency(), r.service(), "CONSUMER", r.legalProcess(), r.identifiers(), null,
				"contoso", null, null, null, null)))
			.containsExactly("enterpriseCustomer:enterprise-only");
		ValidRequest emergency = this.validator.validate(new NewRequest(r.agency(), r.service(), "ENTERPRISE",
				"EMERGENCY", r.identifiers(), null, "contoso", List.of("CONTENT"), null, "child at risk", null));
		assertThat(emergency.enterpriseCustomer()).isEqualTo("contoso");
		assertThat(emergency.dataCategories()).containsExactly(DataCategory.CONTENT);
	}

	@Test
	void checksTheDataSoughtAndTheNondisclosureOrder() {
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"2012-03-14T10:00:00Z", null, List.of("CONTENT", "EMAILS", "CONTENT"),
				new NewRequest.DateRange("2012-02-01", "2012-01-01"), null, "2012-03-01")))
			.containsExactly("dataCategories[1]:one-of", "dataCategories[2]:unique", "dataRange:from-before-to",
					"nondisclosureUntil:after-received-at");
		ValidRequest valid = this.validator.validate(new NewRequest(r.agency(), r.service(), r.customerType(),
				r.legalProcess(), r.identifiers(), "2012-03-14T10:00:00Z", null, List.of("NON_CONTENT"),
				new NewRequest.DateRange("2011-01-01", "2011-12-31T23:59:59Z"), null, "2013-03-14"));
		assertThat(valid.nondisclosureUntil()).isEqualTo(Instant.parse("2013-03-14T00:00:00Z"));
		assertThat(valid.dataTo()).isEqualTo(Instant.parse("2011-12-31T23:59:59Z"));
	}

	@Test
	void refusesLoneSurrogatesInEveryTextFieldNamingTheField() {
		String lone = "A\ud800";
		NewRequest bad = new NewRequest(new NewRequest.Agency(lone, "G\udc00", "x\ud800@police.uk"), lone, lone, lone,
				List.of(new NewRequest.Identifier(lone, "\udfff" + "x"), new NewRequest.Identifier("EMAIL", lone)),
				lone, lone, List.of(lone), new NewRequest.DateRange(lone, lone), lone, lone);
		assertThat(rules(bad)).containsExactly("agency.name:unicode", "agency.country:unicode",
				"agency.contactEmail:unicode", "service:unicode", "customerType:unicode", "legalProcess:unicode",
				"identifiers[0].type:unicode", "identifiers[0].value:unicode", "identifiers[1].value:unicode",
				"receivedAt:unicode", "enterpriseCustomer:unicode", "dataCategories[0]:unicode",
				"dataRange.from:unicode", "dataRange.to:unicode", "emergencyJustification:unicode",
				"nondisclosureUntil:unicode");
		// a well-formed pair is a character like any other
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(new NewRequest.Agency("Polizei \ud83d\ude93", "DE", "a@polizei.de"),
				r.service(), r.customerType(), r.legalProcess(),
				List.of(new NewRequest.Identifier("GAMERTAG", "\ud83d\ude00")), null)))
			.isEmpty();
		assertThatThrownBy(() -> this.validator.withdrawalReason("served \ud800 in error")).isInstanceOfSatisfying(
				InvalidRequestException.class,
				(ex) -> assertThat(ex.violations()).extracting(Violation::rule).containsExactly("unicode"));
	}

	@Test
	void acceptsConfiguredExtraCountryCodesAndNamesThem() {
		NewRequest r = aSubpoena();
		NewRequest kosovo = new NewRequest(new NewRequest.Agency("Kosovo Police", "XK", "liaison@kosovopolice.com"),
				r.service(), r.customerType(), r.legalProcess(), r.identifiers(), null);
		assertThat(this.validator.validate(kosovo).agency().country()).isEqualTo("XK");
		assertThat(properties(true).countryName("XK")).isEqualTo("Kosovo");
		assertThat(properties(true).countryName("GB")).isEqualTo("United Kingdom");
		// without the configuration, XK is not a code
		RequestValidator plain = new RequestValidator(new IntakeProperties(List.of("consumer"), null, null, true,
				Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(5),
				org.springframework.util.unit.DataSize.ofMegabytes(1)), Clock.fixed(NOW, ZoneOffset.UTC));
		assertThatThrownBy(() -> plain.validate(
				new NewRequest(kosovo.agency(), "consumer", r.customerType(), r.legalProcess(), r.identifiers(), null)))
			.isInstanceOf(InvalidRequestException.class);
		assertThat(rules(new NewRequest(new NewRequest.Agency("x", "QQ", "a@b.example"), r.service(), r.customerType(),
				r.legalProcess(), r.identifiers(), null)))
			.containsExactly("agency.country:iso-3166-1-alpha-2");
	}

	@Test
	void refusesARequestNamingOneIdentifierTwiceWhateverItsSpelling() {
		NewRequest r = aSubpoena();
		List<NewRequest.Identifier> twice = List.of(new NewRequest.Identifier("EMAIL", "Suspect.Name@Example.com"),
				new NewRequest.Identifier("PHONE", "+44 20 7946 0958"),
				new NewRequest.Identifier("EMAIL", "suspect.name@example.com"),
				new NewRequest.Identifier("PHONE", "0044 (0)20 7946-0958"),
				new NewRequest.Identifier("IP_ADDRESS", "2001:db8::1"),
				new NewRequest.Identifier("IP_ADDRESS", "2001:DB8:0:0:0:0:0:1"),
				// the same text as another type is another identifier
				new NewRequest.Identifier("OTHER", "suspect.name@example.com"));
		InvalidRequestException ex = catchThrowableOfType(InvalidRequestException.class, () -> this.validator
			.validate(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), twice, null)));
		assertThat(ex.violations()).extracting(Violation::field, Violation::rule)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("identifiers[2].value", "unique-identifier"),
					org.assertj.core.groups.Tuple.tuple("identifiers[3].value", "unique-identifier"),
					org.assertj.core.groups.Tuple.tuple("identifiers[5].value", "unique-identifier"));
		// identifiers never appear in answers
		assertThat(ex.violations()).extracting(Violation::message)
			.noneMatch((m) -> m.contains("uspect") || m.contains("7946") || m.contains("db8"));
		assertThat(ex.violations().get(0).message()).contains("identifiers[0]");
	}

	@Test
	void keepsTheValueAsSubmittedBesideItsKey() {
		NewRequest r = aSubpoena();
		ValidRequest valid = this.validator.validate(new NewRequest(r.agency(), r.service(), r.customerType(),
				r.legalProcess(), List.of(new NewRequest.Identifier("EMAIL", "Suspect.Name@Example.com")), null));
		assertThat(valid.identifiers()).containsExactly(new ValidRequest.Identifier(IdentifierType.EMAIL,
				"Suspect.Name@Example.com", "suspect.name@example.com"));
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(),
				List.of(new NewRequest.Identifier("PHONE", "020 7946 0958"),
						new NewRequest.Identifier("IP_ADDRESS", "999.1.1.1")),
				null)))
			.containsExactly("identifiers[0].value:e164", "identifiers[1].value:ip-address");
	}

	@Test
	void boundsEveryDateToYearsAStoreCanHold() {
		NewRequest r = aSubpoena();
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"2012-03-14T10:00:00Z", null, null, new NewRequest.DateRange("+999999999-01-01", "1899-12-31"), null,
				"+10000-01-01T00:00:00Z")))
			.containsExactly("dataRange.from:years-1900-to-9999", "dataRange.to:years-1900-to-9999",
					"nondisclosureUntil:years-1900-to-9999");
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), r.identifiers(),
				"2012-02-30T10:00:00Z")))
			.containsExactly("receivedAt:date-time");
	}

	@Test
	void boundsTheTotalSizeOfTheIdentifiers() {
		NewRequest r = aSubpoena();
		List<NewRequest.Identifier> ascii = new java.util.ArrayList<>();
		List<NewRequest.Identifier> cjk = new java.util.ArrayList<>();
		for (int i = 0; i < RequestValidator.MAX_IDENTIFIERS; i++) {
			ascii.add(new NewRequest.Identifier("ACCOUNT_ID", "%04d".formatted(i) + "x".repeat(316)));
			cjk.add(new NewRequest.Identifier("ACCOUNT_ID", "%04d".formatted(i) + "\u4e2d".repeat(106)));
		}
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), ascii, null)))
			.isEmpty();
		assertThat(rules(new NewRequest(r.agency(), r.service(), r.customerType(), r.legalProcess(), cjk, null)))
			.containsExactly("identifiers:max-total-bytes");
	}

}
