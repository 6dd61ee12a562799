/**
 * MongoDB at the edge: cases with their events and outbox (compare-and-set by versioned
 * transition, ADR 3 and 5), and the small pointer collections. The only package that
 * talks to the driver.
 */
package ler.review.cases.store;
