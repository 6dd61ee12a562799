/**
 * The service's MongoDB database and a health check that works against the local
 * MongoDB-wire store as well as real MongoDB.
 */
package ler.platform.mongo;
