package ler.identity.signin;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security holds them. {@link #getUsername()} is the
 * opaque account id, so everything the framework derives from the principal's name (the
 * token's {@code sub}, the authorization's principal name) is the id, never what the
 * person typed. The password hash is erased once the password has been checked.
 */
public final class AccountPrincipal implements UserDetails, CredentialsContainer {

	private static final long serialVersionUID = 1L;

	private final String id;

	private final String loginName;

	private String passwordHash;

	private final List<GrantedAuthority> authorities;

	private final boolean totpRequired;

	private final boolean enabled;

	private final boolean accountNonLocked;

	/**
	 * @param id opaque account id
	 * @param loginName what the person signs in with (the ID token's
	 * {@code preferred_username})
	 * @param passwordHash the delegating-encoder hash to check the password against
	 * @param authorities {@code ROLE_*} of the account's roles
	 * @param totpRequired whether a TOTP code must follow the password
	 * @param enabled whether the account may sign in (verified, agency active, factors
	 * enrolled)
	 * @param accountNonLocked whether no lock-out is in force
	 */
	AccountPrincipal(String id, String loginName, String passwordHash, List<GrantedAuthority> authorities,
			boolean totpRequired, boolean enabled, boolean accountNonLocked) {
		this.id = id;
		this.loginName = loginName;
		this.passwordHash = passwordHash;
		this.authorities = List.copyOf(authorities);
		this.totpRequired = totpRequired;
		this.enabled = enabled;
		this.accountNonLocked = accountNonLocked;
	}

	/** The opaque account id. */
	public String id() {
		return this.id;
	}

	/** What the person signs in with. */
	public String loginName() {
		return this.loginName;
	}

	/** Whether a TOTP code must follow the password. */
	public boolean totpRequired() {
		return this.totpRequired;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return this.authorities;
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.id;
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public boolean isAccountNonLocked() {
		return this.accountNonLocked;
	}

	@Override
	public void eraseCredentials() {
		this.passwordHash = null;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof AccountPrincipal that && this.id.equals(that.id);
	}

	@Override
	public int hashCode() {
		return this.id.hashCode();
	}

	@Override
	public String toString() {
		return "AccountPrincipal[id]";
	}

}
