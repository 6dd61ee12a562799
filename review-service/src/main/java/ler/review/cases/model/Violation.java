package ler.review.cases.model;

/** One broken rule of one field, named as the client wrote it. */
public record Violation(String field, String rule, String message) {
}
