package ler.review.cases;

/**
 * A yes/no step with its author and reason: the requester verified or not, the customer's
 * consent granted or refused.
 */
public record AnswerCommand(Boolean answer, String reason, String counsel) {
}
