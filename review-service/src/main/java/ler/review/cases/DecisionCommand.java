package ler.review.cases;

/** Counsel's decision as posted: strings, so every bad value gets a named answer. */
public record DecisionCommand(String decision, String reason, String counsel) {
}
