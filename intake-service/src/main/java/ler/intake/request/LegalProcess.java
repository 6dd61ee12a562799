package ler.intake.request;

/** The legal process an agency served, in the field's terms (DOMAIN.md). */
public enum LegalProcess {

	SUBPOENA, COURT_ORDER, SEARCH_WARRANT, PEN_REGISTER, WIRETAP_ORDER, EMERGENCY, MLAT, PRESERVATION, OTHER

}
