/**
 * The broker at the edge: the request stream in (mapped to commands), the outbox relayed
 * out with the CloudEvents Kafka binding's header.
 */
package ler.review.cases.messaging;
