package ler.identity.account;

/**
 * What a person (or a client) may do in the system; the {@code roles} claim of a token
 * lists these names. The rules per role are the services' (issue 12's table).
 */
public enum Role {

	/** A law-enforcement officer of a registered agency: files and follows requests. */
	LIAISON,
	/** The provider's counsel: reviews and decides. */
	COUNSEL,
	/** Counsel who may give the second approval (four eyes). */
	SENIOR_COUNSEL,
	/** Statistics, the report and the dashboard; never identifiers. */
	EXECUTIVE,
	/** Dead letters, redrive, rebuild, metrics. */
	OPERATOR,
	/** Agencies, officer verification and suspension, accounts. */
	ADMIN

}
