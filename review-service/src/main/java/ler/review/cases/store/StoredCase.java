package ler.review.cases.store;

import ler.review.cases.model.ReviewCase;

/**
 * A case as read, with the version a save must name for its compare-and-set.
 */
public record StoredCase(ReviewCase state, long version) {
}
