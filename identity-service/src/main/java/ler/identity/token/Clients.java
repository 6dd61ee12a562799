package ler.identity.token;

import java.util.List;
import java.util.UUID;

import ler.identity.IdentityProperties;
import ler.identity.account.Role;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The system's clients. People come through two public clients with authorization code +
 * PKCE ({@code ler-dashboard} in the browser, {@code ler-cli} for curl with a loopback
 * redirect); programs through confidential client-credentials clients whose tokens carry
 * the roles set here ({@link #ROLES}), since there is no person to take them from:
 * {@code ler-replay}, {@code ler-operator}, and {@code ler-replay-approver}
 * ({@code SENIOR_COUNSEL} only), the replay's second approver of four-eyes decisions.
 */
final class Clients {

	/** Client setting: the roles a client-credentials token carries. */
	static final String ROLES = "ler.roles";

	/** Client setting: the agency a client-credentials token acts for, if any. */
	static final String AGENCY_ID = "ler.agency-id";

	/** Client setting: whether the client may file emergency requests for its agency. */
	static final String MAY_FILE_EMERGENCY = "ler.may-file-emergency";

	private Clients() {
	}

	static RegisteredClientRepository repository(IdentityProperties properties, PasswordEncoder encoder) {
		IdentityProperties.Clients clients = properties.clients();
		TokenSettings people = TokenSettings.builder().accessTokenTimeToLive(properties.accessTokenTtl()).build();
		TokenSettings programs = TokenSettings.builder().accessTokenTimeToLive(properties.clientTokenTtl()).build();
		RegisteredClient dashboard = publicClient("ler-dashboard", people)
			.redirectUris((uris) -> uris.addAll(clients.dashboardRedirectUris()))
			.postLogoutRedirectUri(clients.dashboardPostLogoutRedirectUri())
			.build();
		RegisteredClient cli = publicClient("ler-cli", people).redirectUri(clients.cliRedirectUri()).build();
		RegisteredClient replay = confidentialClient("ler-replay", encoder.encode(clients
			.replaySecret()), programs, ClientSettings
				.builder()
				.setting(ROLES,
						List.of(Role.LIAISON.name(), Role.COUNSEL.name(), Role.EXECUTIVE.name(), Role.OPERATOR.name()))
				.setting(AGENCY_ID, clients.replayAgencyId())
				.setting(MAY_FILE_EMERGENCY, true)
				.build());
		RegisteredClient operator = confidentialClient("ler-operator", encoder.encode(clients.operatorSecret()),
				programs, ClientSettings.builder().setting(ROLES, List.of(Role.OPERATOR.name())).build());
		// the replay's second person: approves (four eyes) what ler-replay proposed,
		// under
		// a subject of its own
		RegisteredClient replayApprover = confidentialClient("ler-replay-approver",
				encoder.encode(clients.replayApproverSecret()), programs,
				ClientSettings.builder().setting(ROLES, List.of(Role.SENIOR_COUNSEL.name())).build());
		return new InMemoryRegisteredClientRepository(dashboard, cli, replay, operator, replayApprover);
	}

	private static RegisteredClient.Builder publicClient(String clientId, TokenSettings tokens) {
		return RegisteredClient.withId(uuid(clientId))
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(tokens);
	}

	private static RegisteredClient confidentialClient(String clientId, String encodedSecret, TokenSettings tokens,
			ClientSettings settings) {
		return RegisteredClient.withId(uuid(clientId))
			.clientId(clientId)
			.clientSecret(encodedSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.clientSettings(settings)
			.tokenSettings(tokens)
			.build();
	}

	/** A stable registration id per client id, so it is the same on every replica. */
	private static String uuid(String clientId) {
		return UUID.nameUUIDFromBytes(clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
	}

}
