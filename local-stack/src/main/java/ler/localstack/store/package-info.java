/**
 * The local MongoDB-wire store: mongo-java-server's H2 backend with index keys ordered by
 * value instead of by their Java-serialised bytes (ADR 13).
 */
package ler.localstack.store;
