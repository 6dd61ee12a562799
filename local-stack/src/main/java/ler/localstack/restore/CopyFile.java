package ler.localstack.restore;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The backup file: JSON lines, gzip-compressed when the name ends in {@code .gz}. The
 * first line names the format and every topic with its partition count
 * ({@code {"format":"ler-topic-copy","version":1,"topics":{"ler.requests":3,...}}}), then
 * one line per record, each partition in offset order
 * ({@code {"topic":..,"partition":..,"offset":..,"timestamp":..,"key":base64,"value":base64,"headers":[{"key":..,"value":base64}]}},
 * null where the record has none), and last the record count of every partition
 * ({@code {"end":{"ler.requests":[n0,n1,n2],...}}}): a file without it is incomplete. The
 * records hold personal identifiers: the file is its owner's only; keep it encrypted.
 */
final class CopyFile {

	static final String FORMAT = "ler-topic-copy";

	static final int VERSION = 1;

	private static final JsonMapper json = JsonMapper.builder().build();

	private CopyFile() {
	}

	/** Writes a backup file; see {@link Destination#file}. */
	static final class Writer implements Destination {

		private final Path file;

		private final Path partial;

		private final Map<TopicPartition, Long> written = new LinkedHashMap<>();

		private final Map<String, Integer> topics = new LinkedHashMap<>();

		private BufferedWriter out;

		Writer(Path file) {
			this.file = file.toAbsolutePath();
			this.partial = this.file.resolveSibling(this.file.getFileName() + ".partial");
		}

		@Override
		public void prepare(Map<String, Integer> topics) {
			if (Files.exists(this.file)) {
				throw new IllegalStateException(this.file + " exists: a backup file is never overwritten");
			}
			this.topics.putAll(topics);
			topics.forEach((topic, count) -> {
				for (int p = 0; p < count; p++) {
					this.written.put(new TopicPartition(topic, p), 0L);
				}
			});
			try {
				Files.createDirectories(this.file.getParent());
				Files.deleteIfExists(this.partial);
				if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
					Files.createFile(this.partial,
							PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
				}
				OutputStream stream = Files.newOutputStream(this.partial);
				if (gzipped(this.file)) {
					stream = new GZIPOutputStream(stream, 1 << 16);
				}
				this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
				ObjectNode manifest = json.createObjectNode().put("format", FORMAT).put("version", VERSION);
				ObjectNode counts = manifest.putObject("topics");
				topics.forEach(counts::put);
				line(manifest);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.partial, ex);
			}
		}

		@Override
		public void write(CopiedRecord record) {
			ObjectNode line = json.createObjectNode()
				.put("topic", record.topic())
				.put("partition", record.partition())
				.put("offset", record.offset())
				.put("timestamp", record.timestamp())
				.put("key", base64(record.key()))
				.put("value", base64(record.value()));
			ArrayNode headers = line.putArray("headers");
			for (Header header : record.headers()) {
				headers.addObject().put("key", header.key()).put("value", base64(header.value()));
			}
			try {
				line(line);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.partial, ex);
			}
			this.written.merge(record.topicPartition(), 1L, Long::sum);
		}

		/** Completes the file, moves it into place and reads it back whole. */
		@Override
		public Map<TopicPartition, Long> finish() {
			ObjectNode end = json.createObjectNode();
			ObjectNode counts = end.putObject("end");
			this.topics.forEach((topic, count) -> {
				ArrayNode partitions = counts.putArray(topic);
				for (int p = 0; p < count; p++) {
					partitions.add(this.written.get(new TopicPartition(topic, p)));
				}
			});
			try {
				line(end);
				this.out.close();
				this.out = null;
				Files.move(this.partial, this.file, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot complete " + this.file, ex);
			}
			try (Reader check = new Reader(this.file, List.of())) {
				return check.expected();
			}
		}

		private void line(JsonNode node) throws IOException {
			this.out.write(json.writeValueAsString(node));
			this.out.write('\n');
		}

		@Override
		public void close() {
			if (this.out != null) {
				try {
					this.out.close();
					Files.deleteIfExists(this.partial);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		}

		@Override
		public String toString() {
			return "the file " + this.file;
		}

	}

	/** Reads a backup file; see {@link Origin#file}. */
	static final class Reader implements Origin {

		private final Path file;

		private final Map<String, Integer> topics = new LinkedHashMap<>();

		private final Map<TopicPartition, Long> counts = new LinkedHashMap<>();

		/** Checks the whole file: its format, each partition's order, its end line. */
		Reader(Path file, List<String> topics) {
			this.file = file.toAbsolutePath();
			Map<String, Integer> all = new LinkedHashMap<>();
			Map<TopicPartition, Long> found = new LinkedHashMap<>();
			Map<TopicPartition, Long> lastOffset = new LinkedHashMap<>();
			JsonNode end = null;
			try (BufferedReader in = open()) {
				JsonNode manifest = json.readTree(require(in.readLine(), "is empty"));
				if (!FORMAT.equals(manifest.path("format").asString(""))
						|| manifest.path("version").asInt() != VERSION) {
					throw invalid("is not a " + FORMAT + " file of version " + VERSION);
				}
				manifest.get("topics").properties().forEach((e) -> all.put(e.getKey(), e.getValue().asInt()));
				all.forEach((topic, count) -> {
					for (int p = 0; p < count; p++) {
						found.put(new TopicPartition(topic, p), 0L);
					}
				});
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					if (end != null) {
						throw invalid("goes on after its end line");
					}
					JsonNode node = json.readTree(line);
					if (node.has("end")) {
						end = node.get("end");
						continue;
					}
					TopicPartition tp = new TopicPartition(node.get("topic").asString(), node.get("partition").asInt());
					if (!found.containsKey(tp)) {
						throw invalid("holds a record of " + tp + ", which its first line does not declare");
					}
					long offset = node.get("offset").asLong();
					Long before = lastOffset.put(tp, offset);
					if (before != null && before >= offset) {
						throw invalid("holds " + tp + " out of offset order");
					}
					found.merge(tp, 1L, Long::sum);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + this.file, ex);
			}
			catch (JacksonException | NullPointerException ex) {
				throw invalid("holds a line that is not what the format says (" + ex.getClass().getSimpleName() + ")");
			}
			if (end == null) {
				throw invalid("has no end line: it is incomplete");
			}
			for (Map.Entry<TopicPartition, Long> partition : found.entrySet()) {
				JsonNode recorded = end.path(partition.getKey().topic()).path(partition.getKey().partition());
				if (!recorded.isNumber() || recorded.asLong() != partition.getValue()) {
					throw invalid("holds " + partition.getValue() + " records of " + partition.getKey()
							+ " where its end line says " + recorded);
				}
			}
			for (String topic : topics) {
				if (!all.containsKey(topic)) {
					throw invalid("holds no topic " + topic + " (it holds " + all.keySet() + ")");
				}
			}
			all.forEach((topic, count) -> {
				if (topics.isEmpty() || topics.contains(topic)) {
					this.topics.put(topic, count);
					for (int p = 0; p < count; p++) {
						this.counts.put(new TopicPartition(topic, p), found.get(new TopicPartition(topic, p)));
					}
				}
			});
		}

		@Override
		public Map<String, Integer> topics() {
			return this.topics;
		}

		@Override
		public Map<TopicPartition, Long> expected() {
			return this.counts;
		}

		@Override
		public Map<TopicPartition, Long> copyTo(Destination destination) {
			Map<TopicPartition, Long> read = new LinkedHashMap<>();
			this.counts.keySet().forEach((tp) -> read.put(tp, 0L));
			try (BufferedReader in = open()) {
				in.readLine();
				for (String line = in.readLine(); line != null; line = in.readLine()) {
					JsonNode node = json.readTree(line);
					if (node.has("end")) {
						break;
					}
					String topic = node.get("topic").asString();
					if (!this.topics.containsKey(topic)) {
						continue;
					}
					List<Header> headers = new ArrayList<>();
					for (JsonNode header : node.get("headers")) {
						headers.add(new RecordHeader(header.get("key").asString(), bytes(header.get("value"))));
					}
					CopiedRecord record = new CopiedRecord(topic, node.get("partition").asInt(),
							node.get("offset").asLong(), node.get("timestamp").asLong(), bytes(node.get("key")),
							bytes(node.get("value")), headers);
					destination.write(record);
					read.merge(record.topicPartition(), 1L, Long::sum);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + this.file, ex);
			}
			if (!read.equals(this.counts)) {
				throw new IllegalStateException("The backup file " + this.file + " changed while it was copied");
			}
			return read;
		}

		private BufferedReader open() throws IOException {
			InputStream stream = Files.newInputStream(this.file);
			if (gzipped(this.file)) {
				stream = new GZIPInputStream(stream, 1 << 16);
			}
			return new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 1 << 16);
		}

		private String require(String line, String otherwise) {
			if (line == null) {
				throw invalid(otherwise);
			}
			return line;
		}

		private IllegalStateException invalid(String what) {
			return new IllegalStateException("The backup file " + this.file + " " + what + "; nothing was copied");
		}

		@Override
		public void close() {
			// every read opens and closes the file itself
		}

		@Override
		public String toString() {
			return "the file " + this.file;
		}

	}

	private static boolean gzipped(Path file) {
		return file.getFileName().toString().endsWith(".gz");
	}

	private static String base64(byte[] bytes) {
		return (bytes == null) ? null : Base64.getEncoder().encodeToString(bytes);
	}

	private static byte[] bytes(JsonNode node) {
		return (node == null || node.isNull()) ? null : Base64.getDecoder().decode(node.asString());
	}

}
