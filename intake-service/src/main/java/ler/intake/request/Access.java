package ler.intake.request;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import ler.platform.security.Caller;
import ler.platform.security.Role;

/**
 * Who may see and change which request, beyond the route's roles (issue 12):
 * <ul>
 * <li>counsel and senior counsel see every request and its documents;</li>
 * <li>a liaison sees only the requests of the agency their token names; another agency's
 * request is answered exactly as a request that does not exist (404), so its existence is
 * never revealed;</li>
 * <li>a liaison token without an agency is refused (403);</li>
 * <li>an emergency request needs the officer's emergency permission (403
 * {@code may-file-emergency});</li>
 * <li>an officer submits for their own agency: a request naming another country, name or
 * contact email domain than their agency's in the register ({@code agency_country},
 * {@code agency_name}, {@code agency_email_domains}) is refused (403 {@code own-agency}),
 * so nobody can file, or be counted, as another agency.</li>
 * </ul>
 */
final class Access {

	/** The rule an emergency request from an officer without the permission breaks. */
	static final String MAY_FILE_EMERGENCY = "may-file-emergency";

	/** The rule a request naming another agency's country breaks. */
	static final String OWN_AGENCY = "own-agency";

	private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

	private Access() {
	}

	/**
	 * True for counsel, who may read every request and add document versions any time.
	 */
	static boolean isCounsel(Caller caller) {
		return caller.hasAny(Role.COUNSEL, Role.SENIOR_COUNSEL);
	}

	/**
	 * The officer as submitter: their agency and account.
	 * @throws NotPermittedException when the token names no agency
	 */
	static Submitter officer(Caller caller) {
		if (caller.agencyId() == null || caller.agencyId().isBlank()) {
			throw new NotPermittedException("an officer's token must name the officer's agency (agency_id)",
					List.of(new Violation(Caller.AGENCY_ID, "agency-required",
							"the access token names no agency: an officer acts for their agency only")));
		}
		return new Submitter(caller.agencyId(), caller.subject());
	}

	/** The actor of a change: the officer with their agency, or staff without one. */
	static Submitter actor(Caller caller) {
		return isCounsel(caller) ? new Submitter(caller.agencyId(), caller.subject()) : officer(caller);
	}

	/**
	 * True when the caller may see the request: counsel always, an officer only for their
	 * own agency's (a request from before attribution, with no agency, is counsel's
	 * only).
	 * @throws NotPermittedException for an officer's token without an agency
	 */
	static boolean maySee(Caller caller, RequestStatus status) {
		if (isCounsel(caller)) {
			return true;
		}
		String agency = officer(caller).agencyId();
		return agency.equals(status.request().agencyId());
	}

	/**
	 * Refuses a request that names another agency than the officer's own in the
	 * provider's register, as far as the token says ({@code agency_country},
	 * {@code agency_name}, {@code agency_email_domains}; a claim the token lacks is not
	 * checked): {@code agency.country} must be the register's country,
	 * {@code agency.name} its name (compared ignoring case, Unicode form and runs of
	 * white space), and {@code agency.contactEmail} at one of its email domains or under
	 * one. Each mismatch is a violation of {@code own-agency} naming its field; together
	 * one 403. So nobody is counted as another country's agency, and counsel's answers go
	 * to the agency that asked.
	 * @throws NotPermittedException naming every field that does not match
	 */
	static void checkOwnAgency(Caller caller, ValidRequest request) {
		ValidRequest.Agency agency = request.agency();
		if (agency == null) {
			return;
		}
		List<Violation> violations = new ArrayList<>();
		String country = caller.agencyCountry();
		if (country != null && !country.equals(agency.country())) {
			violations.add(new Violation("agency.country", OWN_AGENCY, "the officer's agency is in " + country
					+ ": a request is submitted by an officer of the agency it comes from"));
		}
		String name = caller.agencyName();
		if (name != null && !comparable(name).equals(comparable(agency.name()))) {
			violations.add(new Violation("agency.name", OWN_AGENCY,
					"agency.name must be the officer's agency as the provider registered it: " + name));
		}
		List<String> domains = caller.agencyEmailDomains();
		if (!domains.isEmpty() && !atDomain(agency.contactEmail(), domains)) {
			violations.add(new Violation("agency.contactEmail", OWN_AGENCY,
					"agency.contactEmail must be at one of the officer's agency's email domains: "
							+ String.join(", ", domains)));
		}
		if (!violations.isEmpty()) {
			throw new NotPermittedException("an officer submits for their own agency only", violations);
		}
	}

	/** A name as compared: Unicode NFC, white space runs as one space, lower case. */
	private static String comparable(String name) {
		if (name == null) {
			return "";
		}
		return WHITE_SPACE.matcher(Normalizer.normalize(name, Normalizer.Form.NFC).strip())
			.replaceAll(" ")
			.toLowerCase(Locale.ROOT);
	}

	/** Whether the address's domain is one of {@code domains} or under one. */
	private static boolean atDomain(String email, List<String> domains) {
		if (email == null || email.lastIndexOf('@') < 0) {
			return false;
		}
		String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
		return domains.stream()
			.map((d) -> d.toLowerCase(Locale.ROOT))
			.anyMatch((d) -> domain.equals(d) || domain.endsWith("." + d));
	}

	/**
	 * Refuses an emergency request ({@code legalProcess} {@code EMERGENCY}, or any
	 * {@code emergencyJustification}) from an officer whose token does not grant the
	 * emergency permission ({@code may_file_emergency}).
	 */
	static void checkEmergency(Caller caller, ValidRequest request) {
		if (caller.mayFileEmergency()) {
			return;
		}
		List<Violation> violations = new ArrayList<>();
		if (request.emergencyJustification() != null) {
			violations.add(new Violation("emergencyJustification", MAY_FILE_EMERGENCY,
					"this officer may not file emergency requests: an emergency justification needs the emergency permission"));
		}
		if (request.legalProcess() == LegalProcess.EMERGENCY) {
			violations.add(new Violation("legalProcess", MAY_FILE_EMERGENCY,
					"this officer may not file emergency requests: legalProcess EMERGENCY needs the emergency permission"));
		}
		if (!violations.isEmpty()) {
			throw new NotPermittedException("this officer may not file emergency requests", violations);
		}
	}

}
