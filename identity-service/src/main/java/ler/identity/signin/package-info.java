/**
 * Signing a person in: password, then a TOTP code where the account has one, lock-out and
 * account status checks.
 */
package ler.identity.signin;
