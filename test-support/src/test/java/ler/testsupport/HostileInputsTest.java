package ler.testsupport;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HostileInputsTest {

	static final String VALID = "{\"reason\":\"r\",\"count\": 3,\"list\":[1,{\"a\":\"]\"}],\"next\":true}";

	@Test
	void replacesEachKindOfValue() {
		assertThat(HostileInputs.replaceValue(VALID, "reason", "null")).startsWith("{\"reason\":null,\"count\"");
		assertThat(HostileInputs.replaceValue(VALID, "count", "\"x\"")).contains("\"count\": \"x\",\"list\"");
		assertThat(HostileInputs.replaceValue(VALID, "list", "{}")).contains("\"list\":{},\"next\"");
		assertThat(HostileInputs.replaceValue(VALID, "missing", "1")).isEqualTo(VALID);
	}

	@Test
	void theSameSeedGivesTheSameInputs() {
		List<byte[]> first = HostileInputs.of(VALID, List.of("reason", "count", "list"), 50, 2012);
		List<byte[]> again = HostileInputs.of(VALID, List.of("reason", "count", "list"), 50, 2012);
		assertThat(first).hasSize(50);
		for (int i = 0; i < first.size(); i++) {
			assertThat(again.get(i)).isEqualTo(first.get(i));
		}
		assertThat(first.stream().map(String::new).distinct().count()).isGreaterThan(25);
	}

}
