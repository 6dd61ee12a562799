package ler.identity.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The RSA key tokens are signed with, kept in one PEM file ({@code PRIVATE KEY}, PKCS#8,
 * as {@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048} writes it). The
 * public key is derived from the private one. The key id is the key's RFC 7638
 * thumbprint, so it is the same on every replica that reads the same file.
 */
final class SigningKeyFile {

	private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";

	private static final String END = "-----END PRIVATE KEY-----";

	private SigningKeyFile() {
	}

	/**
	 * Reads the key in {@code file}; when it is missing, generates a 2048-bit key and
	 * writes it there (owner-only permissions) if {@code generateIfMissing}, else fails.
	 * @throws IllegalStateException the file is missing and may not be generated, or does
	 * not hold an RSA private key
	 */
	static RSAKey loadOrCreate(Path file, boolean generateIfMissing) {
		try {
			if (Files.isRegularFile(file)) {
				return toJwk(read(Files.readString(file, StandardCharsets.US_ASCII)));
			}
			if (!generateIfMissing) {
				throw new IllegalStateException("No signing key at " + file
						+ " and generating one is switched off (LER_SIGNING_KEY_GENERATE=false): mount the key there");
			}
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			write(file, (RSAPrivateCrtKey) pair.getPrivate());
			return toJwk((RSAPrivateCrtKey) pair.getPrivate());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read or write the signing key " + file, ex);
		}
		catch (GeneralSecurityException | JOSEException ex) {
			throw new IllegalStateException("the signing key " + file + " is not a PKCS#8 RSA private key", ex);
		}
	}

	static RSAPrivateCrtKey read(String pem) throws GeneralSecurityException {
		int begin = pem.indexOf(BEGIN);
		int end = pem.indexOf(END);
		if (begin < 0 || end < begin) {
			throw new GeneralSecurityException("no PEM PRIVATE KEY block");
		}
		byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
		return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	static RSAKey toJwk(RSAPrivateCrtKey privateKey) throws GeneralSecurityException, JOSEException {
		RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
			.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
		RSAKey withoutId = new RSAKey.Builder(publicKey).privateKey(privateKey).build();
		return new RSAKey.Builder(withoutId).keyID(withoutId.computeThumbprint().toString()).build();
	}

	private static void write(Path file, RSAPrivateCrtKey key) throws IOException {
		Path dir = file.toAbsolutePath().getParent();
		Files.createDirectories(dir);
		String pem = BEGIN + "\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
				+ "\n" + END + "\n";
		Path temporary = Files.createTempFile(dir, "signing-key", ".tmp");
		try {
			Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system (Windows): the directory's permissions apply
		}
		Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
		try {
			Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
