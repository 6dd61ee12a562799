/**
 * Runs each change the same way (load, decide, evolve, save with the outbox, publish) and
 * keeps the pointers periodic work needs. Maps review's events to the published contract.
 */
package ler.review.cases.application;
