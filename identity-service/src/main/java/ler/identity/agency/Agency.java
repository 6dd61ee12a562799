package ler.identity.agency;

import java.util.List;
import java.util.Locale;

/**
 * A registered requesting authority.
 *
 * @param id opaque agency id (the tokens' {@code agency_id})
 * @param name the agency's name
 * @param country ISO 3166-1 alpha-2
 * @param type what kind of authority it is
 * @param status only officers of an {@code ACTIVE} agency sign in
 * @param emailDomains the agency's email domains: a pre-screen shown to the admin who
 * verifies an officer (never a grant), and, in officers' tokens
 * ({@code agency_email_domains}), the only domains intake takes a request's contact
 * address at; at least one, none a public mail service (checked by the admin API)
 */
public record Agency(String id, String name, String country, AgencyType type, AgencyStatus status,
		List<String> emailDomains) {

	public Agency {
		emailDomains = (emailDomains == null) ? List.of() : List.copyOf(emailDomains);
	}

	/** Whether {@code email}'s domain is, or is under, one of the agency's domains. */
	public boolean domainMatches(String email) {
		if (email == null || email.indexOf('@') < 0) {
			return false;
		}
		String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		return this.emailDomains.stream()
			.map((d) -> d.toLowerCase(Locale.ROOT))
			.anyMatch((d) -> domain.equals(d) || domain.endsWith("." + d));
	}

}
