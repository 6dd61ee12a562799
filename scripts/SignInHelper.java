import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What token.sh cannot do with curl alone, with nothing but the JDK the project needs anyway:
 * <ul>
 * <li>{@code java SignInHelper.java pkce}: a PKCE verifier and its S256 challenge (RFC 7636);</li>
 * <li>{@code java SignInHelper.java totp BASE32SECRET [STEPS_AHEAD]}: the RFC 6238 code of now
 * (HMAC-SHA1, 30 s, 6 digits), or of a later step (the provider takes one step either side).</li>
 * </ul>
 */
public class SignInHelper {

	public static void main(String[] args) throws Exception {
		if (args.length >= 1 && args[0].equals("pkce")) {
			byte[] random = new byte[32];
			new SecureRandom().nextBytes(random);
			String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			System.out.println(verifier + " " + Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
		}
		else if (args.length >= 2 && args[0].equals("totp")) {
			long ahead = (args.length > 2) ? Long.parseLong(args[2]) : 0;
			long step = Instant.now().getEpochSecond() / 30 + ahead;
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(base32(args[1]), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0x0f;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			System.out.printf("%06d%n", binary % 1_000_000);
		}
		else {
			System.err.println("usage: SignInHelper pkce | SignInHelper totp BASE32SECRET [STEPS_AHEAD]");
			System.exit(2);
		}
	}

	private static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int buffer = 0;
		int bits = 0;
		for (char c : text.toUpperCase().replace("=", "").replace(" ", "").toCharArray()) {
			int value = alphabet.indexOf(c);
			if (value < 0) {
				throw new IllegalArgumentException("not base32");
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				out.write((buffer >> (bits - 8)) & 0xff);
				bits -= 8;
			}
		}
		return out.toByteArray();
	}

}
