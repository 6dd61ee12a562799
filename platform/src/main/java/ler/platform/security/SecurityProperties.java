package ler.platform.security;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the identity provider is ({@code ler.security.*}).
 *
 * @param issuerUri the provider's issuer, which every token's {@code iss} must equal
 * (default {@code http://localhost:9000}, the local provider)
 * @param jwkSetUri where its public keys are; empty: {@code <issuer>/oauth2/jwks}. Keys
 * are fetched at the first token, so a service starts before its provider.
 */
@ConfigurationProperties("ler.security")
public record SecurityProperties(@DefaultValue("http://localhost:9000") URI issuerUri, URI jwkSetUri) {

	/** The key set location, derived from the issuer when not set. */
	public URI keys() {
		if (this.jwkSetUri != null && !this.jwkSetUri.toString().isBlank()) {
			return this.jwkSetUri;
		}
		String issuer = this.issuerUri.toString();
		return URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer) + "/oauth2/jwks");
	}

}
