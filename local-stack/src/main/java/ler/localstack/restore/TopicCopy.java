package ler.localstack.restore;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import ler.localstack.KafkaAccess;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Copies topics, the event log's backup and restore (docs/backup-restore.md): partition
 * by partition, in offset order, into the same partition number, with keys, values,
 * headers and timestamps; from a broker or a backup file to a broker or a backup file.
 * Afterwards it checks that every partition at the destination holds exactly the records
 * read from the origin. It prints topic names, partitions and counts, never a record.
 *
 * <pre>
 * scripts/copy-topics.sh FROM TO [--topics a,b]
 *   FROM: --from-data-dir DIR | --from BOOTSTRAP [--from-config FILE] | --from-file FILE
 *   TO:   --to-data-dir DIR   | --to BOOTSTRAP [--to-config FILE]     | --to-file FILE
 * </pre>
 *
 * A data directory is the launcher's ({@code LER_DATA_DIR}, {@code .local-stack}): the
 * broker's address and its admin's login are read from it. A config file holds Kafka
 * client properties ({@code security.protocol}, {@code sasl.mechanism},
 * {@code sasl.jaas.config}, trust store...), as Kafka's own tools'
 * {@code --command-config}. {@code --topics} defaults to every declared topic (the event
 * topics and the dead-letter topics) for a broker and to all the file holds for a file.
 * Topics created at a broker get {@code LER_TOPIC_REPLICATION} replicas (1) and
 * {@code LER_TOPIC_MIN_ISR} (1). Exit status 0 when the copy is complete and checked, 1
 * when it failed, 2 on a wrong command line.
 */
public final class TopicCopy {

	private TopicCopy() {
	}

	/**
	 * Copies everything {@code origin} holds into {@code destination} and checks the
	 * count of every partition; prints one line per partition to {@code out}.
	 * @return the records copied, per partition
	 * @throws IllegalStateException when the destination cannot take the copy, a read or
	 * a write fails, or a partition at the destination holds other than what was read
	 */
	public static Map<TopicPartition, Long> copy(Origin origin, Destination destination, PrintStream out) {
		Map<String, Integer> topics = origin.topics();
		out.printf("Copying %d topics from %s to %s%n", topics.size(), origin, destination);
		destination.prepare(topics);
		Map<TopicPartition, Long> read = origin.copyTo(destination);
		Map<TopicPartition, Long> held = destination.finish();
		Map<TopicPartition, Long> expected = origin.expected();
		List<String> wrong = new ArrayList<>();
		long total = 0;
		for (Map.Entry<TopicPartition, Long> partition : read.entrySet()) {
			TopicPartition tp = partition.getKey();
			long records = partition.getValue();
			total += records;
			long there = held.getOrDefault(tp, -1L);
			String gaps = (expected.get(tp) != records)
					? " (the origin's offsets span " + expected.get(tp) + ": transaction markers or compacted records)"
					: "";
			out.printf("  %-32s %,9d records read, %,9d held at the destination%s%n", tp, records, there, gaps);
			if (there != records) {
				wrong.add(tp + ": " + records + " read, " + there + " held");
			}
		}
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("The copy differs from its origin: " + String.join("; ", wrong));
		}
		out.printf("Copied %,d records; every partition at the destination holds what was read.%n", total);
		return read;
	}

	public static void main(String[] args) {
		Map<String, String> options = new LinkedHashMap<>();
		List<String> known = List.of("--from-data-dir", "--from", "--from-config", "--from-file", "--to-data-dir",
				"--to", "--to-config", "--to-file", "--topics");
		for (int i = 0; i < args.length; i += 2) {
			if (!known.contains(args[i]) || i + 1 >= args.length) {
				usage("unknown option or missing value: " + args[i]);
			}
			options.put(args[i], args[i + 1]);
		}
		List<String> topics = options.containsKey("--topics") ? Arrays.stream(options.get("--topics").split(","))
			.map(String::trim)
			.filter((t) -> !t.isEmpty())
			.toList() : List.of();
		try (Origin origin = origin(options, topics); Destination destination = destination(options)) {
			copy(origin, destination, System.out);
		}
		catch (IllegalStateException | IllegalArgumentException | UncheckedIOException | KafkaException ex) {
			System.err.println("Copy failed: " + ex.getMessage());
			System.exit(1);
		}
	}

	private static Origin origin(Map<String, String> options, List<String> topics) {
		String file = options.get("--from-file");
		Map<String, Object> client = client(options, "from");
		if ((file == null) == (client == null)) {
			usage("give one origin: --from-data-dir, --from or --from-file");
		}
		if (file != null) {
			return Origin.file(Path.of(file), topics);
		}
		return Origin.broker(client, topics.isEmpty() ? KafkaAccess.declaredTopics() : topics);
	}

	private static Destination destination(Map<String, String> options) {
		String file = options.get("--to-file");
		Map<String, Object> client = client(options, "to");
		if ((file == null) == (client == null)) {
			usage("give one destination: --to-data-dir, --to or --to-file");
		}
		if (file != null) {
			return Destination.file(Path.of(file));
		}
		return Destination.broker(client, KafkaAccess.TopicSettings.fromEnvironment(System.getenv()));
	}

	/** The client settings of one side, or null when that side is not a broker. */
	private static Map<String, Object> client(Map<String, String> options, String side) {
		String dataDir = options.get("--" + side + "-data-dir");
		String bootstrap = options.get("--" + side);
		String config = options.get("--" + side + "-config");
		if (dataDir != null) {
			if (bootstrap != null || config != null) {
				usage("--" + side + "-data-dir names the broker and its login: no --" + side + " or --" + side
						+ "-config beside it");
			}
			return KafkaAccess.adminClient(Path.of(dataDir));
		}
		if (bootstrap == null) {
			if (config != null) {
				usage("--" + side + "-config needs --" + side + " BOOTSTRAP");
			}
			return null;
		}
		Map<String, Object> client = new LinkedHashMap<>();
		if (config != null) {
			Properties properties = new Properties();
			try (Reader reader = Files.newBufferedReader(Path.of(config))) {
				properties.load(reader);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read " + config, ex);
			}
			properties.stringPropertyNames().forEach((name) -> client.put(name, properties.getProperty(name)));
		}
		client.put("bootstrap.servers", bootstrap);
		return client;
	}

	private static void usage(String problem) {
		System.err.println(problem);
		System.err.println("""
				usage: scripts/copy-topics.sh FROM TO [--topics a,b]
				  FROM: --from-data-dir DIR | --from BOOTSTRAP [--from-config FILE] | --from-file FILE
				  TO:   --to-data-dir DIR   | --to BOOTSTRAP [--to-config FILE]     | --to-file FILE
				See docs/backup-restore.md.""");
		System.exit(2);
	}

}
