package ler.review.cases;

/** A step that needs only its author and reason, e.g. extending a preservation. */
public record NoteCommand(String reason, String counsel) {
}
