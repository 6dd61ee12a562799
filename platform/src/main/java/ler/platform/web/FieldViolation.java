package ler.platform.web;

/**
 * One entry of a problem's {@code errors}: the field (a JSON path such as
 * {@code agency.country}, a query parameter or a header name; empty for the body as a
 * whole), the rule it broke ({@code required}, {@code type}, {@code json},
 * {@code known-field} or a service's own) and a message for people.
 */
public record FieldViolation(String field, String rule, String message) {

}
