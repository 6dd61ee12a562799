/**
 * Every service is an OAuth 2.0 resource server of the system's identity provider (ADR
 * 10): bearer access tokens checked against the provider's keys, roles from the token,
 * one declared rule per route ({@link ler.platform.security.RouteRules}), 401/403
 * answered as RFC 9457 problem+json, and the acting person
 * ({@link ler.platform.security.Caller}) always taken from the token.
 */
package ler.platform.security;
