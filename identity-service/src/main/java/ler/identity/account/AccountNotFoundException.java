package ler.identity.account;

/** No account has the id asked for (404). */
public class AccountNotFoundException extends RuntimeException {

	public AccountNotFoundException() {
		super("No account with this id");
	}

}
