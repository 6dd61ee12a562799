package ler.identity.token;

import java.nio.file.Files;
import java.nio.file.Path;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyFileTest {

	@TempDir
	Path dir;

	@Test
	void generatesAKeyOnceAndReadsTheSameKeyAfterARestart() throws Exception {
		Path file = this.dir.resolve("nested").resolve("signing-key.pem");
		RSAKey first = SigningKeyFile.loadOrCreate(file, true);
		RSAKey second = SigningKeyFile.loadOrCreate(file, true);

		assertThat(Files.readString(file)).startsWith("-----BEGIN PRIVATE KEY-----");
		assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
		assertThat(second.toRSAPublicKey()).isEqualTo(first.toRSAPublicKey());
		assertThat(second.toRSAPrivateKey()).isEqualTo(first.toRSAPrivateKey());
		assertThat(first.toRSAPublicKey().getModulus().bitLength()).isEqualTo(2048);
	}

	@Test
	void refusesToStartWithoutAMountedKeyWhenGeneratingIsOff() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SigningKeyFile.loadOrCreate(this.dir.resolve("missing.pem"), false))
			.withMessageContaining("LER_SIGNING_KEY_GENERATE");
	}

	@Test
	void refusesAFileThatIsNotAPrivateKey() throws Exception {
		Path file = this.dir.resolve("bad.pem");
		Files.writeString(file, "not a key");
		assertThatIllegalStateException().isThrownBy(() -> SigningKeyFile.loadOrCreate(file, true));
	}

}
