/**
 * Accounts: status, roles, agency membership, lock-out and the rules an admin applies to
 * them.
 */
package ler.identity.account;
