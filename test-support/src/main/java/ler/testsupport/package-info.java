/**
 * What the services' test trees share (ADR 7): the in-memory MongoDB-wire store, hostile
 * input generation, the code-versus-OpenAPI agreement check and the package rules.
 * Services depend on it in test scope only.
 */
package ler.testsupport;
