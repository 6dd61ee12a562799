package ler.identity.agency;

/** Officers of a {@code SUSPENDED} agency cannot sign in, whatever their own status. */
public enum AgencyStatus {

	ACTIVE, SUSPENDED

}
