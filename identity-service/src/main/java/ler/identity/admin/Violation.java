package ler.identity.admin;

/**
 * One broken rule of one field.
 *
 * @param field the JSON path of the field, e.g. {@code country}
 * @param rule a stable rule name clients can switch on, e.g. {@code iso-3166-1-alpha-2}
 * @param message what is wrong, in words
 */
record Violation(String field, String rule, String message) {
}
