package ler.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import ler.identity.agency.Agencies;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyStatus;

/**
 * The accounts, held in memory and written through to an {@link AccountMirror} (MongoDB
 * when configured). Every change to one account is atomic (one map entry at a time), so
 * concurrent failed attempts are all counted.
 *
 * <p>
 * Lock-out: {@code maxFailures} failed attempts in a row (wrong password or wrong TOTP
 * code) lock the account for {@code lockDuration}. The count is reset only by a complete
 * sign-in (every factor), so knowing the password does not buy unlimited TOTP guesses.
 */
public class Accounts {

	private final Map<String, Account> byId = new ConcurrentHashMap<>();

	private final Map<String, String> idByUsername = new ConcurrentHashMap<>();

	private final AccountMirror mirror;

	private final Agencies agencies;

	private final Clock clock;

	private final int maxFailures;

	private final Duration lockDuration;

	/**
	 * Loads what the mirror holds, then adds each seeded account the mirror does not hold
	 * yet (an admin's verification or suspension of a seeded account wins over the seed).
	 */
	public Accounts(AccountMirror mirror, List<Account> seed, Agencies agencies, Clock clock, int maxFailures,
			Duration lockDuration) {
		this.mirror = mirror;
		this.agencies = agencies;
		this.clock = clock;
		this.maxFailures = maxFailures;
		this.lockDuration = lockDuration;
		mirror.load().forEach(this::index);
		for (Account account : seed) {
			if (!this.byId.containsKey(account.id())) {
				index(account);
				mirror.save(account);
			}
		}
	}

	private void index(Account account) {
		String previous = this.idByUsername.putIfAbsent(key(account.username()), account.id());
		if (previous != null && !previous.equals(account.id())) {
			throw new IllegalStateException("two accounts share a username");
		}
		this.byId.put(account.id(), account);
	}

	/** Every account, by username. */
	public List<Account> all() {
		return this.byId.values().stream().sorted(Comparator.comparing(Account::username)).toList();
	}

	/** The account with this opaque id; empty for null or an unknown id. */
	public Optional<Account> byId(String id) {
		return Optional.ofNullable(id).map(this.byId::get);
	}

	/** The account signing in as {@code username} (case does not matter). */
	public Optional<Account> byUsername(String username) {
		return Optional.ofNullable(username).map(Accounts::key).map(this.idByUsername::get).map(this.byId::get);
	}

	/**
	 * Why the account cannot sign in now, or empty when it can: it must be
	 * {@code VERIFIED}, an officer's agency must be active, and a role that requires a
	 * second factor must have one enrolled.
	 */
	public Optional<String> signInRefusal(Account account, java.util.Set<Role> totpRequiredRoles) {
		if (account.status() != AccountStatus.VERIFIED) {
			return Optional.of("account " + account.status());
		}
		if (account.officer() && this.agencies.byId(account.agencyId())
			.map(Agency::status)
			.filter(AgencyStatus.ACTIVE::equals)
			.isEmpty()) {
			return Optional.of("agency not active");
		}
		if (!account.totpEnrolled() && account.roles().stream().anyMatch(totpRequiredRoles::contains)) {
			return Optional.of("second factor required but not enrolled");
		}
		return Optional.empty();
	}

	/** Whether the account is locked out now. */
	public boolean locked(Account account) {
		return account.lockedAt(this.clock.instant());
	}

	/**
	 * Counts a failed attempt; the {@code maxFailures}-th in a row locks the account.
	 * @return the account after the change
	 */
	public Account recordFailure(String id) {
		Instant now = this.clock.instant();
		return update(id, (account) -> {
			if (account.lockedAt(now)) {
				return account;
			}
			int failures = account.failedAttempts() + 1;
			return (failures >= this.maxFailures) ? account.withAttempts(0, now.plus(this.lockDuration))
					: account.withAttempts(failures, null);
		});
	}

	/** A complete sign-in (every factor passed): the failure count starts again. */
	public void recordSignedIn(String id) {
		update(id, (account) -> (account.failedAttempts() == 0 && account.lockedUntil() == null) ? account
				: account.withAttempts(0, null));
	}

	/**
	 * Marks a TOTP time step as used.
	 * @return false if that step (or a later one) was used already: the code is a replay
	 */
	public boolean useTotpStep(String id, long step) {
		boolean[] used = { false };
		update(id, (account) -> {
			if (step <= account.lastTotpStep()) {
				return account;
			}
			used[0] = true;
			return account.withLastTotpStep(step);
		});
		return used[0];
	}

	/**
	 * An admin verifies an officer: {@code PENDING -> VERIFIED} only, and only for an
	 * officer of an active agency.
	 * @throws AccountNotFoundException no such account
	 * @throws AccountStateException the account is not {@code PENDING}
	 * @throws AccountRuleException the account is not an officer, or its agency is not
	 * active
	 */
	public Account verify(String id, String adminId) {
		Instant now = this.clock.instant();
		return update(id, (account) -> {
			if (account.status() != AccountStatus.PENDING) {
				throw new AccountStateException(account.status(), "Only a PENDING account can be verified");
			}
			requireOfficer(account);
			if (this.agencies.byId(account.agencyId())
				.map(Agency::status)
				.filter(AgencyStatus.ACTIVE::equals)
				.isEmpty()) {
				throw new AccountRuleException("agencyId", "agency-active",
						"The officer's agency is not active in the register");
			}
			return account.withStatus(AccountStatus.VERIFIED, now, adminId);
		});
	}

	/**
	 * An admin suspends an account (any status; suspending a suspended account changes
	 * nothing).
	 * @throws AccountNotFoundException no such account
	 * @throws AccountRuleException an admin suspending their own account
	 */
	public Account suspend(String id, String adminId) {
		if (id.equals(adminId)) {
			throw new AccountRuleException("id", "not-self", "An admin cannot suspend their own account");
		}
		Instant now = this.clock.instant();
		return update(id, (account) -> (account.status() == AccountStatus.SUSPENDED) ? account
				: account.withStatus(AccountStatus.SUSPENDED, now, adminId));
	}

	/**
	 * Sets whether an officer may file emergency requests.
	 * @throws AccountNotFoundException no such account
	 * @throws AccountRuleException the account is not an officer
	 */
	public Account setMayFileEmergency(String id, boolean may) {
		return update(id, (account) -> {
			requireOfficer(account);
			return account.withMayFileEmergency(may);
		});
	}

	/**
	 * Ends a lock-out now.
	 * @throws AccountNotFoundException no such account
	 */
	public Account unlock(String id) {
		return update(id, (account) -> account.withAttempts(0, null));
	}

	private static void requireOfficer(Account account) {
		if (!account.officer()) {
			throw new AccountRuleException("id", "officer-only", "Only an officer (LIAISON) account has this");
		}
	}

	private Account update(String id, UnaryOperator<Account> change) {
		Account[] result = { null };
		this.byId.compute(id, (key, account) -> {
			if (account == null) {
				throw new AccountNotFoundException();
			}
			Account next = change.apply(account);
			if (!next.equals(account)) {
				this.mirror.save(next);
			}
			result[0] = next;
			return next;
		});
		return result[0];
	}

	private static String key(String username) {
		return username.trim().toLowerCase(Locale.ROOT);
	}

}
