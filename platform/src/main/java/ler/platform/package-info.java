/**
 * Service plumbing every service needs the same way (ADR 7): problem+json answers and
 * their OpenAPI schema, the MongoDB database and its health check, dead-letter metrics.
 * Never domain code: no event handling, no rules, no state.
 */
package ler.platform;
