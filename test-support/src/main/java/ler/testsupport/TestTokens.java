package ler.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A stand-in identity provider for tests of one service: an RSA key whose public half is
 * served as a JWK set on a loopback port, and access tokens shaped like the real
 * provider's ({@code sub}, {@code roles}, {@code agency_id}, {@code may_file_emergency},
 * {@code amr}, {@code token_use: access}, 5-minute expiry). Whole-system tests use the
 * real provider instead. One instance per JVM ({@link #shared()}).
 */
public final class TestTokens {

	/** The agency the standard liaison belongs to. */
	public static final String AGENCY = "agency-a";

	/** Another agency, whose officers must never see {@link #AGENCY}'s requests. */
	public static final String OTHER_AGENCY = "agency-b";

	private static TestTokens shared;

	private final RSAKey key;

	private final RSAKey strangerKey;

	private final String issuer;

	private TestTokens() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("test-key").generate();
			this.strangerKey = new RSAKeyGenerator(2048).keyID("test-key").generate();
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			byte[] keys = new JWKSet(this.key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
			server.createContext("/oauth2/jwks", (exchange) -> {
				exchange.getResponseHeaders().set("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, keys.length);
				exchange.getResponseBody().write(keys);
				exchange.close();
			});
			server.setExecutor(null);
			server.start();
			this.issuer = "http://127.0.0.1:" + server.getAddress().getPort();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The JVM's stand-in provider, started on first use. */
	public static synchronized TestTokens shared() {
		if (shared == null) {
			shared = new TestTokens();
		}
		return shared;
	}

	/** Points the service under test at this provider ({@code ler.security.*}). */
	public static void register(DynamicPropertyRegistry registry) {
		TestTokens tokens = shared();
		registry.add("ler.security.issuer-uri", () -> tokens.issuer);
		registry.add("ler.security.jwk-set-uri", () -> tokens.issuer + "/oauth2/jwks");
	}

	/** The issuer tokens name. */
	public String issuer() {
		return this.issuer;
	}

	/**
	 * The standard person for a role: subject {@code <role>-a} (lower case), and for
	 * {@code LIAISON} agency {@link #AGENCY} with the emergency permission.
	 */
	public String forRole(String role) {
		String subject = role.toLowerCase(Locale.ROOT) + "-a";
		return "LIAISON".equals(role) ? officer(subject, AGENCY, true) : staff(subject, role);
	}

	/** A staff member's token: no agency. */
	public String staff(String subject, String... roles) {
		return sign(this.key, claims(subject, List.of(roles), null, false, Instant.now().plusSeconds(300), true));
	}

	/** An officer's token: {@code LIAISON} of an agency. */
	public String officer(String subject, String agencyId, boolean mayFileEmergency) {
		return sign(this.key,
				claims(subject, List.of("LIAISON"), agencyId, mayFileEmergency, Instant.now().plusSeconds(300), true));
	}

	/**
	 * An officer's token naming also the country of their agency in the register
	 * ({@code agency_country}), as the real provider's does.
	 */
	public String officer(String subject, String agencyId, boolean mayFileEmergency, String agencyCountry) {
		JWTClaimsSet base = claims(subject, List.of("LIAISON"), agencyId, mayFileEmergency,
				Instant.now().plusSeconds(300), true);
		return sign(this.key, new JWTClaimsSet.Builder(base).claim("agency_country", agencyCountry).build());
	}

	/**
	 * An officer's token naming their agency as the real provider's does: the register's
	 * country, name and email domains ({@code agency_country}, {@code agency_name},
	 * {@code agency_email_domains}).
	 */
	public String registeredOfficer(String subject, String agencyId, boolean mayFileEmergency, String agencyCountry,
			String agencyName, List<String> agencyEmailDomains) {
		JWTClaimsSet base = claims(subject, List.of("LIAISON"), agencyId, mayFileEmergency,
				Instant.now().plusSeconds(300), true);
		return sign(this.key,
				new JWTClaimsSet.Builder(base).claim("agency_country", agencyCountry)
					.claim("agency_name", agencyName)
					.claim("agency_email_domains", agencyEmailDomains)
					.build());
	}

	/**
	 * A token for the role that expired a minute ago (past the 60 s clock skew allowed).
	 */
	public String expired(String role) {
		return sign(this.key, claims(role.toLowerCase(Locale.ROOT) + "-a", List.of(role), AGENCY, false,
				Instant.now().minusSeconds(120), true));
	}

	/** A well-formed token for the role signed by a key the provider never published. */
	public String wronglySigned(String role) {
		return sign(this.strangerKey, claims(role.toLowerCase(Locale.ROOT) + "-a", List.of(role), AGENCY, false,
				Instant.now().plusSeconds(300), true));
	}

	/** An ID token for the role: valid signature, but not an access token. */
	public String idToken(String role) {
		return sign(this.key, claims(role.toLowerCase(Locale.ROOT) + "-a", List.of(role), AGENCY, false,
				Instant.now().plusSeconds(300), false));
	}

	private JWTClaimsSet claims(String subject, List<String> roles, String agencyId, boolean emergency, Instant expiry,
			boolean access) {
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(subject)
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(expiry.minusSeconds(300)))
			.expirationTime(Date.from(expiry))
			.claim("roles", roles)
			.claim("amr", List.of("pwd", "otp"));
		if (agencyId != null) {
			claims.claim("agency_id", agencyId).claim("may_file_emergency", emergency);
		}
		if (access) {
			claims.claim("token_use", "access");
		}
		else {
			claims.audience("ler-cli");
		}
		return claims.build();
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
					claims);
			jwt.sign(new RSASSASigner(key));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Claims as a map, for tests that build a caller by hand. */
	public static Map<String, Object> claimsOf(String token) {
		try {
			return SignedJWT.parse(token).getJWTClaimsSet().getClaims();
		}
		catch (java.text.ParseException ex) {
			throw new IllegalArgumentException(ex);
		}
	}

}
