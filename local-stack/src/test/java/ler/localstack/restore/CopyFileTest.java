package ler.localstack.restore;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CopyFileTest {

	@TempDir
	Path dir;

	static final Map<String, Integer> TOPICS = new LinkedHashMap<>(Map.of("ler.requests", 2));

	static {
		TOPICS.put("ler.requests.dlq.intake", 1);
	}

	static final List<CopiedRecord> RECORDS = List.of(
			record("ler.requests", 0, 0, "k1", "{\"a\":1}",
					List.of(new RecordHeader("content-type", bytes("application/cloudevents+json")))),
			record("ler.requests", 1, 0, null, "value without a key", List.of()),
			record("ler.requests", 0, 1, "k1", null,
					List.of(new RecordHeader("h", bytes("first")), new RecordHeader("h", bytes("second")),
							new RecordHeader("empty", null))),
			record("ler.requests", 1, 7, "k2", "ünïcödé ✓", List.of()), record("ler.requests.dlq.intake", 0, 3, "k3",
					"{not an event", List.of(new RecordHeader("x-exception-message", bytes("boom")))));

	@ParameterizedTest
	@ValueSource(strings = { "backup.jsonl", "backup.jsonl.gz" })
	void aFileGivesBackEveryRecordWithItsKeyValueHeadersAndTimestampInOrder(String name) {
		Path file = this.dir.resolve("nested").resolve(name);
		Map<TopicPartition, Long> held = write(file, RECORDS);

		assertThat(held).containsExactly(Map.entry(new TopicPartition("ler.requests", 0), 2L),
				Map.entry(new TopicPartition("ler.requests", 1), 2L),
				Map.entry(new TopicPartition("ler.requests.dlq.intake", 0), 1L));
		try (Origin origin = Origin.file(file, List.of())) {
			assertThat(origin.topics()).isEqualTo(TOPICS);
			Collected collected = new Collected();
			assertThat(origin.copyTo(collected)).isEqualTo(held);
			assertThat(collected.records).hasSize(RECORDS.size());
			for (int i = 0; i < RECORDS.size(); i++) {
				assertSame(collected.records.get(i), RECORDS.get(i));
			}
		}
		assertThat(Files.exists(file.resolveSibling(name + ".partial"))).isFalse();
		if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
			assertThat(PosixFilePermissions.toString(uncheckedPermissions(file))).isEqualTo("rw-------");
		}
	}

	@Test
	void aFileWithoutItsEndLineIsRefusedBeforeAnythingIsCopied() throws Exception {
		Path file = this.dir.resolve("backup.jsonl");
		write(file, RECORDS);
		List<String> lines = Files.readAllLines(file);
		Files.write(file, lines.subList(0, lines.size() - 1));

		assertThatThrownBy(() -> Origin.file(file, List.of())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("incomplete");
	}

	@Test
	void aFileWhoseCountsDisagreeWithItsEndLineIsRefused() throws Exception {
		Path file = this.dir.resolve("backup.jsonl");
		write(file, RECORDS);
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		lines.remove(2);
		Files.write(file, lines);

		assertThatThrownBy(() -> Origin.file(file, List.of())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("where its end line says");
	}

	@Test
	void aFileWithAPartitionOutOfOffsetOrderIsRefused() throws Exception {
		Path file = this.dir.resolve("backup.jsonl");
		write(file, RECORDS);
		List<String> lines = new ArrayList<>(Files.readAllLines(file));
		String first = lines.get(1);
		lines.set(1, lines.get(3));
		lines.set(3, first);
		Files.write(file, lines);

		assertThatThrownBy(() -> Origin.file(file, List.of())).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("out of offset order");
	}

	@Test
	void anExistingFileIsNeverOverwritten() throws Exception {
		Path file = this.dir.resolve("backup.jsonl");
		Files.writeString(file, "kept");
		try (Destination destination = Destination.file(file)) {
			assertThatThrownBy(() -> destination.prepare(TOPICS)).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("never overwritten");
		}
		assertThat(Files.readString(file)).isEqualTo("kept");
	}

	@Test
	void onlyTheNamedTopicsAreTakenFromAFile() {
		Path file = this.dir.resolve("backup.jsonl.gz");
		write(file, RECORDS);
		try (Origin origin = Origin.file(file, List.of("ler.requests.dlq.intake"))) {
			Collected collected = new Collected();
			assertThat(origin.copyTo(collected))
				.containsExactly(Map.entry(new TopicPartition("ler.requests.dlq.intake", 0), 1L));
			assertThat(collected.records).singleElement()
				.satisfies((r) -> assertSame(r, RECORDS.get(RECORDS.size() - 1)));
		}
		assertThatThrownBy(() -> Origin.file(file, List.of("ler.decisions"))).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("holds no topic ler.decisions");
	}

	private static Map<TopicPartition, Long> write(Path file, List<CopiedRecord> records) {
		try (Destination destination = Destination.file(file)) {
			destination.prepare(TOPICS);
			records.forEach(destination::write);
			return destination.finish();
		}
	}

	private static void assertSame(CopiedRecord actual, CopiedRecord expected) {
		assertThat(actual.topicPartition()).isEqualTo(expected.topicPartition());
		assertThat(actual.offset()).isEqualTo(expected.offset());
		assertThat(actual.timestamp()).isEqualTo(expected.timestamp());
		assertThat(actual.key()).isEqualTo(expected.key());
		assertThat(actual.value()).isEqualTo(expected.value());
		assertThat(actual.headers()).hasSameSizeAs(expected.headers());
		for (int i = 0; i < expected.headers().size(); i++) {
			assertThat(actual.headers().get(i).key()).isEqualTo(expected.headers().get(i).key());
			assertThat(actual.headers().get(i).value()).isEqualTo(expected.headers().get(i).value());
		}
	}

	private static CopiedRecord record(String topic, int partition, long offset, String key, String value,
			List<org.apache.kafka.common.header.Header> headers) {
		return new CopiedRecord(topic, partition, offset, 1_325_376_000_000L + offset * 1000 + partition, bytes(key),
				bytes(value), headers);
	}

	private static byte[] bytes(String text) {
		return (text == null) ? null : text.getBytes(StandardCharsets.UTF_8);
	}

	private static java.util.Set<java.nio.file.attribute.PosixFilePermission> uncheckedPermissions(Path file) {
		try {
			return Files.getPosixFilePermissions(file);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	/** A destination that keeps what it is given. */
	static final class Collected implements Destination {

		final List<CopiedRecord> records = new ArrayList<>();

		@Override
		public void prepare(Map<String, Integer> topics) {
		}

		@Override
		public void write(CopiedRecord record) {
			this.records.add(record);
		}

		@Override
		public Map<TopicPartition, Long> finish() {
			return Map.of();
		}

		@Override
		public void close() {
		}

	}

}
