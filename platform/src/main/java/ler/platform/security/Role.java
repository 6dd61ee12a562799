package ler.platform.security;

/**
 * The roles a token's {@code roles} claim may carry (issue 12). A role is granted to
 * Spring Security as the authority {@code ROLE_<name>}.
 * <ul>
 * <li>{@link #LIAISON}: a verified law-enforcement officer; submits and follows the
 * requests of their own agency only.</li>
 * <li>{@link #COUNSEL}: the queue, cases, documents and history; every decision.</li>
 * <li>{@link #SENIOR_COUNSEL}: everything counsel may, plus the second approval (four
 * eyes).</li>
 * <li>{@link #EXECUTIVE}: statistics, the stream, the report and the dashboard; never
 * identifiers or documents.</li>
 * <li>{@link #OPERATOR}: dead letters (metadata), redrive, rebuild, metrics and API
 * descriptions.</li>
 * <li>{@link #ADMIN}: agencies, officers and accounts (in the identity provider).</li>
 * </ul>
 */
public enum Role {

	LIAISON, COUNSEL, SENIOR_COUNSEL, EXECUTIVE, OPERATOR, ADMIN;

	/** The authority Spring Security checks for this role, e.g. {@code ROLE_COUNSEL}. */
	public String authority() {
		return "ROLE_" + name();
	}

}
