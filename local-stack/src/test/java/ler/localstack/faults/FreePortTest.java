package ler.localstack.faults;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ports drawn for a stack are all different: the system offers a port again once its
 * probe socket closes, so 500 plain draws from about 28,000 ephemeral ports repeat one
 * almost surely (the birthday bound); {@link FaultSuite#freePort} never does.
 */
class FreePortTest {

	@Test
	void noPortIsHandedOutTwice() throws IOException {
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < 500; i++) {
			ports.add(FaultSuite.freePort());
		}
		assertThat(ports).doesNotHaveDuplicates().allSatisfy((port) -> assertThat(port).isPositive());
	}

}
