package ler.intake.request;

/**
 * The largest request body the documented field limits allow, as a client that escapes
 * every non-ASCII character ({@code \\uXXXX}, as Python's {@code json.dumps} does by
 * default) and pretty-prints with two-space indents would write it: every text field at
 * its limit, 1,000 identifiers of the longest type name whose values of three-byte
 * characters fill the limit on their total size.
 */
final class LargestRequest {

	private LargestRequest() {
	}

	static String json() {
		StringBuilder json = new StringBuilder("{\n  \"agency\": {\n    \"name\": \"")
			.append(escaped(RequestValidator.MAX_TEXT, 0))
			.append("\",\n    \"country\": \"US\",\n    \"contactEmail\": \"")
			.append("a".repeat(64))
			.append("@")
			.append("b".repeat(RequestValidator.MAX_EMAIL - 64 - 1 - 4))
			.append(".gov\"\n  },\n  \"service\": \"consumer\",\n  \"customerType\": \"ENTERPRISE\",\n")
			.append("  \"legalProcess\": \"EMERGENCY\",\n  \"identifiers\": [\n");
		for (int i = 0; i < RequestValidator.MAX_IDENTIFIERS; i++) {
			json.append((i == 0) ? "" : ",\n")
				.append("    {\n      \"type\": \"DEVICE_SERIAL\",\n      \"value\": \"")
				.append(escaped(RequestValidator.MAX_IDENTIFIER_BYTES / RequestValidator.MAX_IDENTIFIERS / 3, i))
				.append("\"\n    }");
		}
		json.append("\n  ],\n  \"receivedAt\": \"2012-03-14T10:00:00.000000000+00:00\",\n  \"enterpriseCustomer\": \"")
			.append(escaped(RequestValidator.MAX_TEXT, 0))
			.append("\",\n  \"dataCategories\": [\n    \"CONTENT\",\n    \"NON_CONTENT\"\n  ],\n")
			.append("  \"dataRange\": {\n    \"from\": \"2011-01-01T00:00:00.000000000+00:00\",\n")
			.append("    \"to\": \"2012-01-01T00:00:00.000000000+00:00\"\n  },\n  \"emergencyJustification\": \"")
			.append(escaped(RequestValidator.MAX_JUSTIFICATION, 0))
			.append("\",\n  \"nondisclosureUntil\": \"2013-03-14T00:00:00.000000000+00:00\"\n}\n");
		return json.toString();
	}

	/** {@code length} CJK characters, each escaped; distinct per {@code seed}. */
	private static String escaped(int length, int seed) {
		StringBuilder text = new StringBuilder();
		String distinct = "%04d".formatted(seed);
		for (int i = 0; i < length; i++) {
			char c = (i < 4) ? (char) (0x4e00 + distinct.charAt(i)) : (char) 0x4e2d;
			text.append("\\u%04x".formatted((int) c));
		}
		return text.toString();
	}

}
