package ler.intake.request;

import java.util.ArrayList;
import java.util.List;

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
 * <li>an officer submits for their own agency: a request naming another country than
 * their agency's in the register ({@code agency_country}) is refused (403
 * {@code own-agency}), so nobody can file, or be counted, as another country's
 * agency.</li>
 * </ul>
 */
final class Access {

	/** The rule an emergency request from an officer without the permission breaks. */
	static final String MAY_FILE_EMERGENCY = "may-file-emergency";

	/** The rule a request naming another agency's country breaks. */
	static final String OWN_AGENCY = "own-agency";

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
	 * Refuses a request whose {@code agency.country} is not the country of the officer's
	 * agency in the register, when the token says which ({@code agency_country}).
	 */
	static void checkOwnAgency(Caller caller, ValidRequest request) {
		String country = caller.agencyCountry();
		if (country == null || request.agency() == null || country.equals(request.agency().country())) {
			return;
		}
		throw new NotPermittedException("an officer submits for their own agency only",
				List.of(new Violation("agency.country", OWN_AGENCY, "the officer's agency is in " + country
						+ ": a request is submitted by an officer of the agency it comes from")));
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
