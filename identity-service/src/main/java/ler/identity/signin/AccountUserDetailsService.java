package ler.identity.signin;

import java.util.List;
import java.util.Set;

import ler.identity.account.Account;
import ler.identity.account.Accounts;
import ler.identity.account.Role;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Looks accounts up for the password step. An account that may not sign in (not verified,
 * agency suspended, second factor required but not enrolled) is disabled, one locked out
 * is locked: Spring Security refuses both before it checks the password.
 */
class AccountUserDetailsService implements UserDetailsService {

	private final Accounts accounts;

	private final Set<Role> totpRequiredRoles;

	AccountUserDetailsService(Accounts accounts, Set<Role> totpRequiredRoles) {
		this.accounts = accounts;
		this.totpRequiredRoles = totpRequiredRoles;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		Account account = this.accounts.byUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("no such account"));
		List<GrantedAuthority> roles = account.roles()
			.stream()
			.map((role) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + role.name()))
			.toList();
		return new AccountPrincipal(account.id(), account.username(), account.passwordHash(), roles,
				account.totpEnrolled(), this.accounts.signInRefusal(account, this.totpRequiredRoles).isEmpty(),
				!this.accounts.locked(account));
	}

}
