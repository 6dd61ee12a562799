package ler.intake.request;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierKeysTest {

	final IdentifierKeys keys = new IdentifierKeys(true);

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "EMAIL|Suspect.Name@Example.com|suspect.name@example.com",
					"EMAIL|  suspect.name@EXAMPLE.COM |suspect.name@example.com",
					// NFC: e + combining acute is é
					"EMAIL|Jose\u0301@example.com|jos\u00e9@example.com", "PHONE|+44 20 7946 0958|+442079460958",
					"PHONE|+44 (0)20 7946-0958|+442079460958", "PHONE|0044 20 7946 0958|+442079460958",
					"PHONE|+1 (555) 010.0199|+15550100199", "IP_ADDRESS|192.0.2.1|192.0.2.1",
					"IP_ADDRESS|0.0.0.0|0.0.0.0", "IP_ADDRESS|2001:DB8:0:0:0:0:0:1|2001:db8::1",
					"IP_ADDRESS|2001:0db8:0000:0000:0001:0000:0000:0001|2001:db8::1:0:0:1",
					"IP_ADDRESS|2001:db8:0:1:1:1:1:1|2001:db8:0:1:1:1:1:1", "IP_ADDRESS|::|::", "IP_ADDRESS|::1|::1",
					"IP_ADDRESS|::ffff:192.0.2.1|192.0.2.1", "IP_ADDRESS|fe80:0:0:0:1:0:0:0|fe80::1:0:0:0",
					"GAMERTAG|  Major Nelson |Major Nelson", "ACCOUNT_ID|A\u030a-42|\u00c5-42" })
	void normalisesEachTypeToOneKey(IdentifierType type, String value, String key) {
		assertThat(this.keys.key(type, value)).isEqualTo(IdentifierKeys.Key.of(key));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "EMAIL|no-at-sign|email", "EMAIL|@y.example|email", "EMAIL|x@|email",
					"EMAIL|two words@example.com|email", "PHONE|020 7946 0958|e164", "PHONE|+0 123|e164",
					"PHONE|+1234567890123456|e164", "PHONE|+44 20 CALL ME|e164", "IP_ADDRESS|256.1.1.1|ip-address",
					"IP_ADDRESS|010.1.1.1|ip-address", "IP_ADDRESS|1.2.3|ip-address",
					"IP_ADDRESS|example.com|ip-address", "IP_ADDRESS|fe80::1%eth0|ip-address",
					"IP_ADDRESS|1:2:3:4:5:6:7:8:9|ip-address", "IP_ADDRESS|[::1]|ip-address" })
	void refusesValuesThatAreNotOfTheirType(IdentifierType type, String value, String rule) {
		IdentifierKeys.Key key = this.keys.key(type, value);
		assertThat(key.refused()).isTrue();
		assertThat(key.rule()).isEqualTo(rule);
		assertThat(key.message()).doesNotContain(value);
	}

	@Test
	void keepsTheLocalPartsCaseWhenTheProviderTreatsItAsSignificant() {
		assertThat(new IdentifierKeys(false).key(IdentifierType.EMAIL, "Suspect.Name@Example.COM").key())
			.isEqualTo("Suspect.Name@example.com");
	}

}
