package ler.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is acting, as the identity provider's access token says (ADR 10); never taken from
 * a request body. A controller method takes a {@code Caller} parameter and gets the
 * current one.
 *
 * @param subject the token's {@code sub}: an opaque account id, or a client id for a
 * client-credentials token; what events and history record as the actor
 * @param roles the token's {@code roles} that this system knows
 * @param agencyId the officer's agency ({@code agency_id}), or {@code null} for staff
 * @param mayFileEmergency whether the officer may file emergency requests
 * ({@code may_file_emergency}, false when absent)
 * @param amr the authentication methods used ({@code amr}, RFC 8176), e.g.
 * {@code ["pwd","otp"]}; empty for a client-credentials token
 * @param agencyCountry the ISO 3166-1 country of the officer's agency in the provider's
 * register ({@code agency_country}), or {@code null} when the token does not say (staff,
 * the replay's client, which acts for agencies of every country)
 * @param agencyName the officer's agency's name in the register ({@code agency_name}), or
 * {@code null} when the token does not say
 * @param agencyEmailDomains the officer's agency's email domains in the register
 * ({@code agency_email_domains}); empty when the token does not say
 */
public record Caller(String subject, Set<Role> roles, String agencyId, boolean mayFileEmergency, List<String> amr,
		String agencyCountry, String agencyName, List<String> agencyEmailDomains) {

	/** The claim holding the roles. */
	public static final String ROLES = "roles";

	/** The claim holding an officer's agency id. */
	public static final String AGENCY_ID = "agency_id";

	/** The claim holding the country of an officer's agency, from the agency register. */
	public static final String AGENCY_COUNTRY = "agency_country";

	/** The claim holding the name of an officer's agency, from the agency register. */
	public static final String AGENCY_NAME = "agency_name";

	/** The claim holding the email domains of an officer's agency, from the register. */
	public static final String AGENCY_EMAIL_DOMAINS = "agency_email_domains";

	/** The claim saying whether an officer may file emergency requests. */
	public static final String MAY_FILE_EMERGENCY = "may_file_emergency";

	public Caller {
		roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
		amr = List.copyOf(amr);
		agencyEmailDomains = (agencyEmailDomains == null) ? List.of() : List.copyOf(agencyEmailDomains);
	}

	/** The caller an access token names; unknown role names are ignored. */
	public static Caller of(Jwt token) {
		return of(token.getClaims());
	}

	/**
	 * The caller a token's claims name ({@code sub}, {@code roles}, {@code agency_id},
	 * {@code may_file_emergency}, {@code amr}, {@code agency_country},
	 * {@code agency_name}, {@code agency_email_domains}); unknown role names are ignored.
	 */
	public static Caller of(Map<String, Object> claims) {
		Set<Role> roles = EnumSet.noneOf(Role.class);
		Object claim = claims.get(ROLES);
		if (claim instanceof Collection<?> names) {
			for (Object name : names) {
				for (Role role : Role.values()) {
					if (role.name().equals(name)) {
						roles.add(role);
					}
				}
			}
		}
		Object emergency = claims.get(MAY_FILE_EMERGENCY);
		List<String> amr = new ArrayList<>();
		if (claims.get("amr") instanceof Collection<?> methods) {
			methods.forEach((m) -> amr.add(String.valueOf(m)));
		}
		Object agency = claims.get(AGENCY_ID);
		Object country = claims.get(AGENCY_COUNTRY);
		Object name = claims.get(AGENCY_NAME);
		List<String> domains = new ArrayList<>();
		if (claims.get(AGENCY_EMAIL_DOMAINS) instanceof Collection<?> listed) {
			listed.forEach((d) -> domains.add(String.valueOf(d)));
		}
		return new Caller(String.valueOf(claims.get("sub")), roles, (agency != null) ? agency.toString() : null,
				Boolean.TRUE.equals(emergency), amr, (country != null) ? country.toString() : null,
				(name != null) ? name.toString() : null, domains);
	}

	/** True when the token carries the role. */
	public boolean has(Role role) {
		return this.roles.contains(role);
	}

	/** True when the token carries any of the roles. */
	public boolean hasAny(Role... wanted) {
		for (Role role : wanted) {
			if (has(role)) {
				return true;
			}
		}
		return false;
	}

	/** The agency, when the caller is an officer of one. */
	public Optional<String> agency() {
		return Optional.ofNullable(this.agencyId);
	}

}
