package ler.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.BatchListenerFailedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A poll's failure is one record's: records are read up to the first unreadable one,
 * applied together, else one by one from where the batch got to; the first record not
 * applied is named by its index in the poll, and a skipped record is noted once it is
 * passed for good.
 */
class PollsTest {

	final List<String> appliedTogether = new ArrayList<>();

	final List<String> appliedAlone = new ArrayList<>();

	final List<String> noted = new ArrayList<>();

	@Test
	void aPollIsAppliedTogether() {
		Polls.apply(poll("a", "skip:x", "b"), this::read, this.appliedTogether::addAll, this.appliedAlone::add);
		assertThat(this.appliedTogether).containsExactly("a", "b");
		assertThat(this.appliedAlone).isEmpty();
		assertThat(this.noted).containsExactly("x");
	}

	@Test
	void aBatchThatSaysHowFarItGotIsFinishedFromThere() {
		Polls.apply(poll("a", "b", "skip:x", "c", "d"), this::read, (items) -> {
			this.appliedTogether.addAll(items.subList(0, 2));
			throw new Polls.PartlyApplied(2, new IllegalStateException("store away"));
		}, this.appliedAlone::add);
		assertThat(this.appliedTogether).containsExactly("a", "b");
		// nothing applied twice
		assertThat(this.appliedAlone).containsExactly("c", "d");
		assertThat(this.noted).containsExactly("x");
	}

	@Test
	void theFirstRecordNotAppliedIsNamedByItsPlaceInThePoll() {
		assertThatThrownBy(() -> Polls.apply(poll("a", "skip:x", "b", "bad", "skip:y", "c"), this::read, (items) -> {
			throw new IllegalStateException("batch failed");
		}, (item) -> {
			if (item.equals("bad")) {
				throw new IllegalStateException("cannot apply");
			}
			this.appliedAlone.add(item);
		})).isInstanceOfSatisfying(BatchListenerFailedException.class, (ex) -> {
			assertThat(ex.getIndex()).isEqualTo(3);
			assertThat(ex.getCause()).hasMessage("cannot apply");
		});
		assertThat(this.appliedAlone).containsExactly("a", "b");
		// y comes back with the failing record's redelivery: noted then, not now
		assertThat(this.noted).containsExactly("x");
	}

	@Test
	void anUnreadableRecordStopsTheReadingAndIsNamed() {
		assertThatThrownBy(() -> Polls.apply(poll("a", "skip:x", "b", "unreadable", "c"), this::read,
				this.appliedTogether::addAll, this.appliedAlone::add))
			.isInstanceOfSatisfying(BatchListenerFailedException.class, (ex) -> assertThat(ex.getIndex()).isEqualTo(3));
		assertThat(this.appliedTogether).containsExactly("a", "b");
		assertThat(this.noted).containsExactly("x");
	}

	private Polls.Read<String> read(byte[] payload) {
		String text = new String(payload, StandardCharsets.UTF_8);
		if (text.equals("unreadable")) {
			throw new IllegalArgumentException("not an event");
		}
		if (text.startsWith("skip:")) {
			return Polls.Read.skip(() -> this.noted.add(text.substring(5)));
		}
		return Polls.Read.item(text);
	}

	private static List<byte[]> poll(String... records) {
		List<byte[]> poll = new ArrayList<>();
		for (String record : records) {
			poll.add(record.getBytes(StandardCharsets.UTF_8));
		}
		return poll;
	}

}
