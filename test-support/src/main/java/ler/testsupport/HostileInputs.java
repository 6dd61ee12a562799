package ler.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile variations of a valid JSON body, from a fixed seed so a failure can be
 * replayed: wrong types, missing and unknown fields, truncated JSON, random bytes,
 * oversized strings and arrays, bad codes and dates, unicode and control characters, lone
 * surrogates, fields and identifiers given twice, injection strings.
 */
public final class HostileInputs {

	public static final List<String> NASTY = List.of("\"\"", "null", "0", "-1", "1e309", "true", "[]", "{}", "\"XX\"",
			"\"gb\"", "\"\\u0000\"", "\"\\u202e\\u0645\\ud83d\\ude00\"", "\"'; DROP TABLE requests; --\"",
			"{\"$gt\": \"\"}", "\"<script>alert(1)</script>\"", "\"../../etc/passwd\"", "\"9999-12-31T23:59:59Z\"",
			"\"1900-01-01T00:00:00Z\"", "\"2012-02-30\"", "\"\\t\\n\\r\"", "\"" + "x".repeat(5000) + "\"",
			"[" + "{\"type\":\"EMAIL\",\"value\":\"a@b.c\"},".repeat(1200) + "{}]", "12345678901234567890",
			"\"SUBPOENA\"", "\"ENTERPRISE\"", "\"EMERGENCY\"", "\"PRESERVATION\"", "\"A\\ud800\"", "\"\\udc00x\"",
			"\"\\ud83d\\ude00\"", "\"XK\"", "\"\uff27\uff22\"", "\"\\ufeffGB\"", "\"+999999999-12-31\"",
			"\"2012-03-14T10:00:00+25:00\"", "\"2012-03-14T23:59:60Z\"", "\"0044 (0)20 7946 0958\"",
			"\"::ffff:192.0.2.1\"", "\"fe80::1%eth0\"", "\"Suspect.Name@Example.com\"", "\"\u00e9\"", "\"e\u0301\"");

	private HostileInputs() {
	}

	/**
	 * {@code count} bodies derived from {@code valid}, which names its fields as
	 * {@code "field":}.
	 */
	public static List<byte[]> of(String valid, List<String> fields, int count, long seed) {
		Random random = new Random(seed);
		List<byte[]> inputs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String field = fields.get(random.nextInt(fields.size()));
			String body = switch (random.nextInt(10)) {
				case 0 -> replaceValue(valid, field, NASTY.get(random.nextInt(NASTY.size())));
				case 1 -> valid.replace("\"" + field + "\":", "\"" + field + "_gone\":");
				case 2 -> "{\"unexpected" + random.nextInt(100) + "\":" + NASTY.get(random.nextInt(NASTY.size())) + ","
						+ valid.substring(valid.indexOf('{') + 1);
				case 3 -> valid.substring(0, random.nextInt(valid.length()));
				case 4 -> new String(randomBytes(random, 1 + random.nextInt(300)), StandardCharsets.ISO_8859_1);
				case 5 -> replaceValue(valid, field, "\"" + randomText(random, 1 + random.nextInt(400)) + "\"");
				case 6 -> replaceValue(replaceValue(valid, field, NASTY.get(random.nextInt(NASTY.size()))),
						fields.get(random.nextInt(fields.size())), NASTY.get(random.nextInt(NASTY.size())));
				// the same field twice: refused, never "last value wins"
				case 8 -> valid.replace("\"" + field + "\":",
						"\"" + field + "\":" + NASTY.get(random.nextInt(NASTY.size())) + ",\"" + field + "\":");
				// every identifier twice, spelt differently or not
				case 9 -> replaceValue(valid, "identifiers",
						"[{\"type\":\"EMAIL\",\"value\":\"Someone@Example.COM\"},{\"type\":\"EMAIL\",\"value\":\""
								+ (random.nextBoolean() ? "someone@example.com" : "Someone@Example.COM") + "\"}]");
				default -> "[" + valid + "]";
			};
			inputs.add(body.getBytes(StandardCharsets.UTF_8));
		}
		return inputs;
	}

	/**
	 * Replaces the JSON value after {@code "field":} (a string, number, literal, object
	 * or array).
	 */
	public static String replaceValue(String json, String field, String value) {
		String key = "\"" + field + "\":";
		int at = json.indexOf(key);
		if (at < 0) {
			return json;
		}
		int start = at + key.length();
		while (start < json.length() && json.charAt(start) == ' ') {
			start++;
		}
		int end = valueEnd(json, start);
		return json.substring(0, start) + value + json.substring(end);
	}

	private static int valueEnd(String json, int start) {
		char first = json.charAt(start);
		if (first == '"') {
			int i = start + 1;
			while (json.charAt(i) != '"' || json.charAt(i - 1) == '\\') {
				i++;
			}
			return i + 1;
		}
		if (first == '{' || first == '[') {
			int depth = 0;
			boolean inString = false;
			for (int i = start; i < json.length(); i++) {
				char c = json.charAt(i);
				if (c == '"' && json.charAt(i - 1) != '\\') {
					inString = !inString;
				}
				else if (!inString && (c == '{' || c == '[')) {
					depth++;
				}
				else if (!inString && (c == '}' || c == ']')) {
					depth--;
					if (depth == 0) {
						return i + 1;
					}
				}
			}
			return json.length();
		}
		int i = start;
		while (i < json.length() && ",}]".indexOf(json.charAt(i)) < 0) {
			i++;
		}
		return i;
	}

	private static byte[] randomBytes(Random random, int n) {
		byte[] bytes = new byte[n];
		random.nextBytes(bytes);
		return bytes;
	}

	private static String randomText(Random random, int n) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < n; i++) {
			int c = random.nextInt(0x2FFF);
			text.append((c == '"' || c == '\\') ? 'q' : (char) c);
		}
		return text.toString();
	}

}
