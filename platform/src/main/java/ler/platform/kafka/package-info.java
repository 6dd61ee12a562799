/**
 * Kafka as every service meets it: the client security taken from the environment, and
 * the start-up check that the event topics exist and keep every event.
 */
package ler.platform.kafka;
