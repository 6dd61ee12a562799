/**
 * The identity provider: who may sign in, with which factors, and what their tokens say.
 */
package ler.identity;
