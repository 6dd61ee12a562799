/**
 * Counsel's HTTP API, with its own request and response records.
 */
package ler.review.cases.web;
