package ler.intake.request;

/**
 * Who submits or changes a request, as the access token says (never the body).
 *
 * @param agencyId the officer's agency (an opaque id), or null for staff
 * @param subject the account (an opaque id: the token's {@code sub})
 */
public record Submitter(String agencyId, String subject) {
}
