/** RFC 6238 TOTP codes (the form that asks for one is in {@code signin}). */
package ler.identity.totp;
