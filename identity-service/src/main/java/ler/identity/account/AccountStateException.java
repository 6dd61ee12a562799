package ler.identity.account;

/** The step is not allowed in the account's current status (409). */
public class AccountStateException extends RuntimeException {

	private final AccountStatus current;

	public AccountStateException(AccountStatus current, String message) {
		super(message);
		this.current = current;
	}

	/** The status the account is in. */
	public AccountStatus current() {
		return this.current;
	}

}
