package ler.intake.request;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param services the reporting entities a request may concern (e.g. a separately
 * reported subsidiary such as {@code skype})
 * @param verifiedDomains per ISO country code, the government email domains whose
 * requesters count as verified (a subdomain matches too); others are held for counsel to
 * verify
 * @param extraCountryCodes country codes accepted beside ISO 3166-1 alpha-2 (which the
 * JDK lists), with the name to show for each: codes from ISO's user-assigned range in
 * wide use by governments, such as {@code XK} (Kosovo). Each is two upper-case letters
 * @param emailLocalPartCaseInsensitive whether the provider treats e-mail local parts
 * case-insensitively, so that {@code Suspect.Name@Example.com} and
 * {@code suspect.name@example.com} are one account (see {@link IdentifierKeys})
 * @param idempotencyRetention how long an {@code Idempotency-Key} is honoured
 * @param idempotencyWait how long a submission that finds its {@code Idempotency-Key} in
 * flight in another submission waits for that one's answer before it is answered 409
 * @param publishMargin what the publish timeout adds to the producer's own
 * {@code max.block.ms + delivery.timeout.ms}, so the producer has given up on a record
 * before the submitter is told it was not accepted
 * @param clockSkew how far in the future a {@code receivedAt} may be before it is refused
 * @param maxDocumentSize the largest legal-process document accepted
 */
@ConfigurationProperties("ler.intake")
public record IntakeProperties(@DefaultValue( {
		"consumer", "skype" }) List<String> services, Map<String, List<String>> verifiedDomains,
		Map<String, String> extraCountryCodes, @DefaultValue("true") boolean emailLocalPartCaseInsensitive,
		@DefaultValue("48h") Duration idempotencyRetention, @DefaultValue("5s") Duration idempotencyWait,
		@DefaultValue("2s") Duration publishMargin, @DefaultValue("5m") Duration clockSkew,
		@DefaultValue("10MB") DataSize maxDocumentSize){

	private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

	public IntakeProperties {
		verifiedDomains = (verifiedDomains == null) ? Map.of() : Map.copyOf(verifiedDomains);
		extraCountryCodes = (extraCountryCodes == null) ? Map.of() : Map.copyOf(extraCountryCodes);
		extraCountryCodes.forEach((code, name) -> {
			if (!code.matches("[A-Z]{2}") || name == null || name.isBlank()) {
				throw new IllegalArgumentException(
						"ler.intake.extra-country-codes: '" + code + "' must be two upper-case letters with a name");
			}
		});
	}

	/**
	 * True when {@code email}'s domain is, or is under, a verified domain of
	 * {@code country}.
	 */
	public boolean verified(String country, String email) {
		String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
		return this.verifiedDomains.getOrDefault(country, List.of())
			.stream()
			.map((d) -> d.toLowerCase(java.util.Locale.ROOT))
			.anyMatch((d) -> domain.equals(d) || domain.endsWith("." + d));
	}

	/** True for an ISO 3166-1 alpha-2 code or a configured extra code. */
	public boolean knownCountry(String code) {
		return ISO_COUNTRIES.contains(code) || this.extraCountryCodes.containsKey(code);
	}

	/**
	 * The English name of a known country code: the configured name of an extra code,
	 * else the JDK's (CLDR) name.
	 */
	public String countryName(String code) {
		String extra = this.extraCountryCodes.get(code);
		return (extra != null) ? extra : new Locale("", code).getDisplayCountry(Locale.ENGLISH);
	}

}
