/**
 * Time-driven work: what falls due on cases, and the relay's sweep for events a crash
 * left unpublished.
 */
package ler.review.cases.scheduling;
