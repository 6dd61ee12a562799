package ler.intake.request;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity of an identifier: its value normalised for its type, so that two ways of
 * writing the same account compare equal. Used to refuse a request naming one identifier
 * twice, and published as {@code key} so review links and reporting counts by it; the
 * value as submitted is kept beside it for counsel. Pure and offline: an IP address is
 * parsed as a literal, never looked up.
 * <ul>
 * <li>every type: Unicode NFC, surrounding white space trimmed;</li>
 * <li>{@code EMAIL}: the domain lower-cased; the local part lower-cased too when the
 * provider treats local parts case-insensitively
 * ({@code ler.intake.email-local-part-case-insensitive}, default true);</li>
 * <li>{@code PHONE}: E.164 ({@code +} and up to 15 digits), from an international number
 * written with spaces, dashes, dots, brackets, a {@code 00} prefix or a {@code (0)} trunk
 * digit;</li>
 * <li>{@code IP_ADDRESS}: IPv4 dotted decimal, or IPv6 in the RFC 5952 canonical text
 * form (an IPv4-mapped IPv6 address is the IPv4 address).</li>
 * </ul>
 */
final class IdentifierKeys {

	private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

	private static final Pattern PHONE_SEPARATORS = Pattern.compile("[\\s\\u00a0().\\-/]");

	private static final Pattern IPV4 = Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}");

	private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]+");

	private final boolean emailLocalPartCaseInsensitive;

	IdentifierKeys(boolean emailLocalPartCaseInsensitive) {
		this.emailLocalPartCaseInsensitive = emailLocalPartCaseInsensitive;
	}

	/**
	 * The key of a well-formed value (no lone surrogates, not blank).
	 * @return the key, or a refusal naming the rule the value breaks for its type
	 */
	Key key(IdentifierType type, String value) {
		String text = Normalizer.normalize(value, Normalizer.Form.NFC).strip();
		return switch (type) {
			case EMAIL -> email(text);
			case PHONE -> phone(text);
			case IP_ADDRESS -> ipAddress(text);
			case ACCOUNT_ID, DEVICE_SERIAL, GAMERTAG, OTHER -> Key.of(text);
		};
	}

	private Key email(String text) {
		int at = text.lastIndexOf('@');
		if (at < 1 || at == text.length() - 1 || text.chars().anyMatch(Character::isWhitespace)) {
			return Key.refused("email", "an EMAIL identifier must be an address such as name@example.com");
		}
		String local = text.substring(0, at);
		String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
		return Key.of((this.emailLocalPartCaseInsensitive ? local.toLowerCase(Locale.ROOT) : local) + "@" + domain);
	}

	private static Key phone(String text) {
		String number = PHONE_SEPARATORS.matcher(text.replace("(0)", "")).replaceAll("");
		if (number.startsWith("00")) {
			number = "+" + number.substring(2);
		}
		if (!E164.matcher(number).matches()) {
			return Key.refused("e164",
					"a PHONE identifier must be an international number: + or 00, the country code, at most 15 digits in all");
		}
		return Key.of(number);
	}

	private static Key ipAddress(String text) {
		if (IPV4.matcher(text).matches()) {
			String[] octets = text.split("\\.");
			for (String octet : octets) {
				if (Integer.parseInt(octet) > 255) {
					return ipRefused();
				}
			}
			return Key.of(text);
		}
		if (text.indexOf(':') < 0 || !IPV6_CHARACTERS.matcher(text).matches()) {
			return ipRefused();
		}
		try {
			// brackets make the JDK parse an IPv6 literal or fail; it never asks DNS
			InetAddress address = InetAddress.getByName("[" + text + "]");
			return Key
				.of((address instanceof Inet4Address) ? address.getHostAddress() : canonicalIpv6(address.getAddress()));
		}
		catch (UnknownHostException ex) {
			return ipRefused();
		}
	}

	private static Key ipRefused() {
		return Key.refused("ip-address", "an IP_ADDRESS identifier must be an IPv4 address in dotted decimal "
				+ "without leading zeros (192.0.2.1) or an IPv6 address (2001:db8::1)");
	}

	/** RFC 5952 section 4: lower case, no leading zeros, the longest zero run as ::. */
	static String canonicalIpv6(byte[] address) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = Math.max(j, i + 1);
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

	/**
	 * A key, or the rule a value broke.
	 */
	record Key(String key, String rule, String message) {

		static Key of(String key) {
			return new Key(key, null, null);
		}

		static Key refused(String rule, String message) {
			return new Key(null, rule, message);
		}

		boolean refused() {
			return this.key == null;
		}

	}

}
