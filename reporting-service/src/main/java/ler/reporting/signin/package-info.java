/**
 * The dashboard's sign-in (issue 12): OpenID Connect login through the identity
 * provider's public client {@code ler-dashboard} (authorization code + PKCE) into a
 * server-side session, sign-out at the provider, and who is signed in ({@code /api/me}).
 * Session and bearer callers meet the same route rules.
 */
package ler.reporting.signin;
