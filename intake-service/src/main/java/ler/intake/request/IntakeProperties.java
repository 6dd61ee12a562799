package ler.intake.request;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param services the reporting entities a request may concern (e.g. a separately
 * reported subsidiary such as {@code skype})
 * @param verifiedDomains per ISO country code, the government email domains whose
 * requesters count as verified (a subdomain matches too); others are held for counsel to
 * verify
 * @param idempotencyRetention how long an {@code Idempotency-Key} is honoured
 * @param publishTimeout the longest a submitter waits for the broker's acknowledgement
 * @param clockSkew how far in the future a {@code receivedAt} may be before it is refused
 * @param maxDocumentSize the largest legal-process document accepted
 */
@ConfigurationProperties("ler.intake")
public record IntakeProperties(@DefaultValue( {
		"consumer", "skype" }) List<String> services, Map<String, List<String>> verifiedDomains,
		@DefaultValue("48h") Duration idempotencyRetention, @DefaultValue("15s") Duration publishTimeout,
		@DefaultValue("5m") Duration clockSkew, @DefaultValue("10MB") DataSize maxDocumentSize){

	public IntakeProperties {
		verifiedDomains = (verifiedDomains == null) ? Map.of() : Map.copyOf(verifiedDomains);
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

}
