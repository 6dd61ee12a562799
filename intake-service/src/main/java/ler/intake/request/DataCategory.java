package ler.intake.request;

/**
 * Non-content: subscriber data (name, email, country, IP history, billing). Content: what
 * customers create, communicate and store (mail bodies, documents, photos, address
 * books).
 */
public enum DataCategory {

	CONTENT, NON_CONTENT

}
