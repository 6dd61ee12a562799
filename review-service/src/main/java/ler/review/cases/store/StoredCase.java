package ler.review.cases.store;

import java.util.List;

import ler.review.cases.model.ReviewCase;

/**
 * A case as read, with the version a save must name for its compare-and-set.
 *
 * @param outbox the contract events it still had to publish, in sequence order
 * @param read the document as read, for a save that follows without reading it again
 */
public record StoredCase(ReviewCase state, long version, List<OutboxEntry> outbox, Read read) {

	public StoredCase {
		outbox = List.copyOf(outbox);
	}

	/** The stored document, seen only by the store. */
	public static final class Read {

		private final org.bson.Document document;

		Read(org.bson.Document document) {
			this.document = document;
		}

		org.bson.Document document() {
			return this.document;
		}

	}

}
