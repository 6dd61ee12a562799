package ler.review.cases.model;

import java.util.Set;

/**
 * The legal standard (Microsoft, 2012): non-content needs at least a subpoena or local
 * equivalent; content needs a court order or warrant or local equivalent. A treaty
 * request (MLAT) and an emergency request qualify for both; a wiretap order is a court
 * order for content in real time, a pen register one for non-content.
 */
public final class LegalProcess {

	public static final String PRESERVATION = "PRESERVATION";

	public static final String EMERGENCY = "EMERGENCY";

	public static final Set<String> FOR_CONTENT = Set.of("SEARCH_WARRANT", "COURT_ORDER", "WIRETAP_ORDER", "MLAT",
			EMERGENCY);

	public static final Set<String> FOR_NON_CONTENT = Set.of("SUBPOENA", "COURT_ORDER", "SEARCH_WARRANT",
			"PEN_REGISTER", "WIRETAP_ORDER", "MLAT", EMERGENCY);

	/** Formal legal process: what must follow an emergency disclosure. */
	public static final Set<String> FORMAL = Set.of("SUBPOENA", "COURT_ORDER", "SEARCH_WARRANT", "PEN_REGISTER",
			"WIRETAP_ORDER", "MLAT");

	private LegalProcess() {
	}

}
