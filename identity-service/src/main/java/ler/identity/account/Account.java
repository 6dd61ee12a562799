package ler.identity.account;

import java.time.Instant;
import java.util.Set;

/**
 * A person who may sign in. {@code id} is opaque and stable (the tokens' {@code sub});
 * {@code username} is what the person types. Passwords are held only as a hash of the
 * delegating password encoder ({@code {bcrypt}...}); the TOTP secret is base32.
 *
 * @param id opaque account id
 * @param username sign-in name, unique regardless of case
 * @param email contact address; its domain is the pre-screen an admin sees for officers
 * @param displayName name shown to people
 * @param roles what the account may do
 * @param status only {@code VERIFIED} signs in
 * @param agencyId the officer's agency (LIAISON accounts only), else null
 * @param mayFileEmergency whether the officer may file emergency requests
 * @param passwordHash delegating-encoder hash of the password
 * @param totpSecret base32 TOTP secret, or null when none is enrolled
 * @param failedAttempts failed attempts (password or TOTP) since the last complete
 * sign-in
 * @param lockedUntil when a lock-out ends, or null
 * @param lastTotpStep the last TOTP time step accepted (a code is never accepted twice)
 * @param statusChangedAt when an admin last verified or suspended the account, or null
 * @param statusChangedBy the admin's account id, or null
 */
public record Account(String id, String username, String email, String displayName, Set<Role> roles,
		AccountStatus status, String agencyId, boolean mayFileEmergency, String passwordHash, String totpSecret,
		int failedAttempts, Instant lockedUntil, long lastTotpStep, Instant statusChangedAt, String statusChangedBy) {

	public Account {
		roles = Set.copyOf(roles);
	}

	/** Whether the account is an agency officer. */
	public boolean officer() {
		return this.roles.contains(Role.LIAISON);
	}

	/** Whether a lock-out is in force at {@code now}. */
	public boolean lockedAt(Instant now) {
		return this.lockedUntil != null && now.isBefore(this.lockedUntil);
	}

	/** Whether a TOTP secret is enrolled. */
	public boolean totpEnrolled() {
		return this.totpSecret != null && !this.totpSecret.isBlank();
	}

	Account withStatus(AccountStatus status, Instant at, String by) {
		return new Account(this.id, this.username, this.email, this.displayName, this.roles, status, this.agencyId,
				this.mayFileEmergency, this.passwordHash, this.totpSecret, this.failedAttempts, this.lockedUntil,
				this.lastTotpStep, at, by);
	}

	Account withMayFileEmergency(boolean may) {
		return new Account(this.id, this.username, this.email, this.displayName, this.roles, this.status, this.agencyId,
				may, this.passwordHash, this.totpSecret, this.failedAttempts, this.lockedUntil, this.lastTotpStep,
				this.statusChangedAt, this.statusChangedBy);
	}

	Account withAttempts(int failedAttempts, Instant lockedUntil) {
		return new Account(this.id, this.username, this.email, this.displayName, this.roles, this.status, this.agencyId,
				this.mayFileEmergency, this.passwordHash, this.totpSecret, failedAttempts, lockedUntil,
				this.lastTotpStep, this.statusChangedAt, this.statusChangedBy);
	}

	Account withLastTotpStep(long step) {
		return new Account(this.id, this.username, this.email, this.displayName, this.roles, this.status, this.agencyId,
				this.mayFileEmergency, this.passwordHash, this.totpSecret, this.failedAttempts, this.lockedUntil, step,
				this.statusChangedAt, this.statusChangedBy);
	}

}
