/**
 * How the local stack's programs (the replay, the fault suite) get their access tokens:
 * the OAuth 2.0 client-credentials grant at the identity provider (ADR 9, ADR 10).
 */
package ler.localstack.auth;
