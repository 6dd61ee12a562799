package ler.identity;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import ler.identity.account.Role;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity provider ({@code ler.identity.*}; every one has an env
 * variable in {@code application.yml}).
 *
 * @param issuer the issuer URI written into every token and the discovery document
 * ({@code LER_ISSUER_URI}); resource servers trust exactly this string
 * @param dataDir where the provider keeps what must survive a restart (the generated
 * signing key)
 * @param signingKey the RSA key tokens are signed with
 * @param seed the files accounts and agencies are loaded from at start
 * @param lockout how many failed sign-in attempts lock an account, and for how long
 * @param totpRequiredRoles roles whose accounts must pass a TOTP second factor (an
 * account with such a role and no TOTP secret cannot sign in)
 * @param clients redirect URIs and secrets of the registered clients
 * @param accessTokenTtl how long an access token issued to a person is valid
 * @param clientTokenTtl how long a client-credentials access token is valid
 */
@ConfigurationProperties("ler.identity")
public record IdentityProperties(@DefaultValue("http://localhost:9000") String issuer,
		@DefaultValue(".local-stack/identity") Path dataDir, @DefaultValue SigningKey signingKey,
		@DefaultValue Seed seed, @DefaultValue Lockout lockout, @DefaultValue( {
				"LIAISON", "COUNSEL", "SENIOR_COUNSEL" }) Set<Role> totpRequiredRoles,
		@DefaultValue Clients clients, @DefaultValue("15m") Duration accessTokenTtl,
		@DefaultValue("30m") Duration clientTokenTtl){

	/**
	 * @param file a PEM (PKCS#8) RSA private key; empty means
	 * {@code <dataDir>/signing-key.pem}
	 * @param generateIfMissing whether a missing file is generated (local stack) or is an
	 * error at start (k8s and compose, where the key is mounted and every replica must
	 * sign with the same key)
	 */
	public record SigningKey(Path file, @DefaultValue("true") boolean generateIfMissing) {

		/** The key file to read or write. */
		public Path resolve(Path dataDir) {
			return (this.file == null || this.file.toString().isBlank()) ? dataDir.resolve("signing-key.pem")
					: this.file;
		}

	}

	/**
	 * @param agencies Spring resource locations of agency seed files, loaded in order
	 * @param accounts Spring resource locations of account seed files, loaded in order
	 */
	public record Seed(@DefaultValue("classpath:seed/agencies.json") List<String> agencies,
			@DefaultValue("classpath:seed/accounts.json") List<String> accounts) {
	}

	/**
	 * @param maxFailures failed attempts (wrong password or wrong TOTP code) in a row
	 * that lock an account
	 * @param duration how long a locked account stays locked
	 */
	public record Lockout(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration duration) {
	}

	/**
	 * @param dashboardRedirectUris where {@code ler-dashboard} may send the authorization
	 * code (the reporting service)
	 * @param dashboardPostLogoutRedirectUri where the dashboard is sent after signing out
	 * @param cliRedirectUri the loopback redirect of {@code ler-cli} (any port is
	 * accepted on a loopback address, RFC 8252 7.3)
	 * @param replaySecret the secret of the confidential client {@code ler-replay}
	 * @param operatorSecret the secret of the confidential client {@code ler-operator}
	 * @param replayApproverSecret the secret of the confidential client
	 * {@code ler-replay-approver}
	 * @param replayAgencyId the agency the replay files its requests for
	 */
	public record Clients(
			@DefaultValue("http://localhost:8083/login/oauth2/code/ler-dashboard") List<String> dashboardRedirectUris,
			@DefaultValue("http://localhost:8083/") String dashboardPostLogoutRedirectUri,
			@DefaultValue("http://127.0.0.1/callback") String cliRedirectUri,
			@DefaultValue("replay-demo-secret") String replaySecret,
			@DefaultValue("operator-demo-secret") String operatorSecret,
			@DefaultValue("6f1c3e0a-6b1d-4a53-9d2b-2c6f1c9f0a01") String replayAgencyId,
			@DefaultValue("replay-approver-demo-secret") String replayApproverSecret) {
	}

}
