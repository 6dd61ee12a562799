/**
 * The protocol side: endpoints, signing key, clients and what tokens say.
 */
package ler.identity.token;
