package ler.review.cases.messaging;

import java.lang.reflect.RecordComponent;

import ler.events.DocumentAttached;

/**
 * Reads the fields intake adds to {@link DocumentAttached} for issue 12 ({@code version},
 * {@code attachedBy}) when the contract on the classpath has them, so review builds and
 * runs against the contract before and after that change; null when absent (then review
 * numbers the version itself). Replace by the plain accessors once both are on one
 * branch.
 */
final class DocumentVersions {

	private DocumentVersions() {
	}

	/** The version intake gave the upload, or null. */
	static Integer version(DocumentAttached event) {
		Object value = component(event, "version");
		return (value instanceof Number number) ? number.intValue() : null;
	}

	/** Who uploaded it (an opaque account id), or null. */
	static String attachedBy(DocumentAttached event) {
		Object value = component(event, "attachedBy");
		return (value instanceof String text) ? text : null;
	}

	private static Object component(DocumentAttached event, String name) {
		for (RecordComponent component : DocumentAttached.class.getRecordComponents()) {
			if (component.getName().equals(name)) {
				try {
					return component.getAccessor().invoke(event);
				}
				catch (ReflectiveOperationException ex) {
					throw new IllegalStateException("cannot read DocumentAttached." + name, ex);
				}
			}
		}
		return null;
	}

}
