package ler.reporting.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the provider sends a person back to ({@code ler.reporting.dashboard.*}). Both
 * must be exactly what the provider registers for {@code ler-dashboard}
 * ({@code LER_DASHBOARD_REDIRECT_URI} and {@code LER_DASHBOARD_URI} there). Spring
 * Security's templates {@code {baseUrl}} and {@code {registrationId}} stand for the
 * address the browser used and {@code ler-dashboard}.
 *
 * @param redirectUri where the authorization code is sent, default
 * {@code {baseUrl}/login/oauth2/code/{registrationId}}
 * @param postLogoutRedirectUri where the provider sends a person after signing out,
 * default {@code {baseUrl}/}, the dashboard
 */
@ConfigurationProperties("ler.reporting.dashboard")
public record DashboardProperties(@DefaultValue("{baseUrl}/login/oauth2/code/{registrationId}") String redirectUri,
		@DefaultValue("{baseUrl}/") String postLogoutRedirectUri) {
}
