package ler.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import ler.identity.agency.Agencies;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyMirror;
import ler.identity.agency.AgencyStatus;
import ler.identity.agency.AgencyType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AccountsTest {

	private static final Set<Role> TOTP_ROLES = Set.of(Role.LIAISON, Role.COUNSEL, Role.SENIOR_COUNSEL);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));

	private final Agencies agencies = new Agencies(AgencyMirror.NONE,
			List.of(new Agency("met", "Metropolitan Police Service", "GB", AgencyType.POLICE, AgencyStatus.ACTIVE,
					List.of("met.police.uk")),
					new Agency("closed", "Closed agency", "GB", AgencyType.POLICE, AgencyStatus.SUSPENDED, List.of())));

	private Accounts accounts(Account... seed) {
		return new Accounts(AccountMirror.NONE, List.of(seed), this.agencies, this.clock, 5, Duration.ofMinutes(15));
	}

	private static Account officer(String id, AccountStatus status, String agencyId) {
		return new Account(id, id, id + "@met.police.uk", id, Set.of(Role.LIAISON), status, agencyId, false, "{noop}x",
				"GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 0, null, Long.MIN_VALUE, null, null);
	}

	@Test
	void fifthFailureInARowLocksForFifteenMinutesThenTheLockRunsOut() {
		Accounts accounts = accounts(officer("a", AccountStatus.VERIFIED, "met"));
		for (int i = 0; i < 4; i++) {
			assertThat(accounts.recordFailure("a").lockedAt(this.clock.instant())).isFalse();
		}
		assertThat(accounts.recordFailure("a").lockedUntil())
			.isEqualTo(this.clock.instant().plus(Duration.ofMinutes(15)));
		assertThat(accounts.locked(accounts.byId("a").orElseThrow())).isTrue();

		this.clock.advance(Duration.ofMinutes(15));
		assertThat(accounts.locked(accounts.byId("a").orElseThrow())).isFalse();
	}

	@Test
	void onlyACompleteSignInResetsTheFailureCount() {
		Accounts accounts = accounts(officer("a", AccountStatus.VERIFIED, "met"));
		for (int i = 0; i < 4; i++) {
			accounts.recordFailure("a");
		}
		accounts.recordSignedIn("a");
		assertThat(accounts.recordFailure("a").failedAttempts()).isEqualTo(1);
	}

	@Test
	void aTotpStepIsUsedOnce() {
		Accounts accounts = accounts(officer("a", AccountStatus.VERIFIED, "met"));
		assertThat(accounts.useTotpStep("a", 100)).isTrue();
		assertThat(accounts.useTotpStep("a", 100)).isFalse();
		assertThat(accounts.useTotpStep("a", 99)).isFalse();
		assertThat(accounts.useTotpStep("a", 101)).isTrue();
	}

	@Test
	void onlyVerifiedOfficersOfActiveAgenciesWithASecondFactorSignIn() {
		Accounts accounts = accounts(officer("ok", AccountStatus.VERIFIED, "met"),
				officer("pending", AccountStatus.PENDING, "met"), officer("suspended", AccountStatus.SUSPENDED, "met"),
				officer("closed", AccountStatus.VERIFIED, "closed"));
		assertThat(accounts.signInRefusal(accounts.byId("ok").orElseThrow(), TOTP_ROLES)).isEmpty();
		assertThat(accounts.signInRefusal(accounts.byId("pending").orElseThrow(), TOTP_ROLES)).isPresent();
		assertThat(accounts.signInRefusal(accounts.byId("suspended").orElseThrow(), TOTP_ROLES)).isPresent();
		assertThat(accounts.signInRefusal(accounts.byId("closed").orElseThrow(), TOTP_ROLES)).isPresent();

		Account noSecond = new Account("c", "c", "c@x", "c", Set.of(Role.COUNSEL), AccountStatus.VERIFIED, null, false,
				"{noop}x", null, 0, null, Long.MIN_VALUE, null, null);
		assertThat(accounts(noSecond).signInRefusal(noSecond, TOTP_ROLES))
			.hasValueSatisfying((why) -> assertThat(why).contains("second factor"));
	}

	@Test
	void anAdminVerifiesOnlyAPendingOfficerOfAnActiveAgency() {
		Accounts accounts = accounts(officer("pending", AccountStatus.PENDING, "met"),
				officer("closed", AccountStatus.PENDING, "closed"), officer("done", AccountStatus.VERIFIED, "met"));

		Account verified = accounts.verify("pending", "admin-1");
		assertThat(verified.status()).isEqualTo(AccountStatus.VERIFIED);
		assertThat(verified.statusChangedBy()).isEqualTo("admin-1");
		assertThat(verified.statusChangedAt()).isEqualTo(this.clock.instant());

		assertThatExceptionOfType(AccountStateException.class).isThrownBy(() -> accounts.verify("done", "admin-1"));
		assertThatExceptionOfType(AccountRuleException.class).isThrownBy(() -> accounts.verify("closed", "admin-1"))
			.satisfies((ex) -> assertThat(ex.rule()).isEqualTo("agency-active"));
		assertThatExceptionOfType(AccountNotFoundException.class).isThrownBy(() -> accounts.verify("nobody", "a"));
	}

	@Test
	void suspensionBarsSignInAndAnAdminCannotSuspendThemselves() {
		Accounts accounts = accounts(officer("a", AccountStatus.VERIFIED, "met"));
		assertThat(accounts.suspend("a", "admin-1").status()).isEqualTo(AccountStatus.SUSPENDED);
		assertThat(accounts.signInRefusal(accounts.byId("a").orElseThrow(), TOTP_ROLES)).isPresent();
		assertThatExceptionOfType(AccountRuleException.class).isThrownBy(() -> accounts.suspend("a", "a"));
	}

	@Test
	void changesAreWrittenThroughAndTheMirrorWinsOverTheSeed() {
		RecordingMirror mirror = new RecordingMirror();
		Accounts first = new Accounts(mirror, List.of(officer("a", AccountStatus.PENDING, "met")), this.agencies,
				this.clock, 5, Duration.ofMinutes(15));
		first.verify("a", "admin-1");

		Accounts restarted = new Accounts(mirror, List.of(officer("a", AccountStatus.PENDING, "met")), this.agencies,
				this.clock, 5, Duration.ofMinutes(15));
		assertThat(restarted.byId("a").orElseThrow().status()).isEqualTo(AccountStatus.VERIFIED);
	}

	@Test
	void usernamesMatchRegardlessOfCase() {
		Accounts accounts = accounts(officer("Liaison.One", AccountStatus.VERIFIED, "met"));
		assertThat(accounts.byUsername("liaison.one")).isPresent();
		assertThat(accounts.byUsername(" LIAISON.ONE ")).isPresent();
	}

	static final class RecordingMirror implements AccountMirror {

		private final java.util.Map<String, Account> kept = new java.util.LinkedHashMap<>();

		@Override
		public List<Account> load() {
			return List.copyOf(this.kept.values());
		}

		@Override
		public void save(Account account) {
			this.kept.put(account.id(), account);
		}

	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
