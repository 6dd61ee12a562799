package ler.identity.account;

import java.util.List;

/** Where accounts are kept across restarts. */
public interface AccountMirror {

	/** Keeps nothing: accounts live only in memory. */
	AccountMirror NONE = new AccountMirror() {

		@Override
		public List<Account> load() {
			return List.of();
		}

		@Override
		public void save(Account account) {
		}

	};

	/** Every account kept. */
	List<Account> load();

	/** Keeps {@code account}, replacing an earlier version. */
	void save(Account account);

}
