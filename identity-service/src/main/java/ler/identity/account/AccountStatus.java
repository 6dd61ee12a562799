package ler.identity.account;

/** Only a {@code VERIFIED} account can sign in. */
public enum AccountStatus {

	/** Registered, not yet verified by an admin. */
	PENDING,
	/** Verified by an admin (officers) or created verified (provider staff). */
	VERIFIED,
	/** Barred from signing in by an admin. */
	SUSPENDED

}
