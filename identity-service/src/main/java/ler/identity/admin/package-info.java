/** The admin API: agencies, accounts, officer verification and suspension. */
package ler.identity.admin;
