package ler.identity.account;

/**
 * A well-formed step that breaks a rule of the register (422), e.g. verifying an officer
 * of a suspended agency.
 *
 * @see #field()
 * @see #rule()
 */
public class AccountRuleException extends RuntimeException {

	private final String field;

	private final String rule;

	public AccountRuleException(String field, String rule, String message) {
		super(message);
		this.field = field;
		this.rule = rule;
	}

	/** What the rule is about. */
	public String field() {
		return this.field;
	}

	/** The rule's name. */
	public String rule() {
		return this.rule;
	}

}
