package ler.bench;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

import ler.events.CloudEventsKafka;
import ler.events.DecisionRecorded;
import ler.events.EventCodec;
import ler.events.EventEnvelope;
import ler.events.RequestReceived;
import ler.events.RequestSummary;

/**
 * Valid contract events written straight to the topics with a Kafka producer, as intake
 * and review write them (the codec's JSON, the CloudEvents structured-mode header, the
 * request id as key, the producers' CloudEvents {@code source}): a million requests this
 * way take minutes, through HTTP hours. Request {@code n} is from
 * {@link #COUNTRIES}{@code [n % 10]}, a consumer subpoena naming one e-mail address; its
 * decision discloses non-content.
 */
final class FastPath {

	/** The countries the synthetic requests come from, in turn. */
	static final List<String> COUNTRIES = List.of("US", "GB", "DE", "FR", "ES", "IT", "BR", "IN", "AU", "CA");

	private static final EventCodec codec = new EventCodec();

	private FastPath() {
	}

	/** Request {@code n}'s {@code RequestReceived}, with the given event id. */
	static EventEnvelope<RequestReceived> received(UUID id, long n, Instant receivedAt, UUID eventId) {
		String country = country(n);
		String email = "bench-" + id + "@example.com";
		RequestReceived data = new RequestReceived(id,
				new RequestReceived.Agency("Bench agency of " + country, country, "liaison@example.org"), "consumer",
				"CONSUMER", "SUBPOENA", List.of(new RequestReceived.Identifier("EMAIL", email, email)), receivedAt,
				receivedAt, true, null, List.of("NON_CONTENT"), null, null, null, null, "bench-agency",
				"bench-officer");
		return EventEnvelope.wrap(eventId, "/intake-service", id, 1, receivedAt, data);
	}

	/** Request {@code n}'s first (and only) decision. */
	static EventEnvelope<DecisionRecorded> decided(UUID id, long n, Instant receivedAt, UUID eventId) {
		RequestSummary summary = new RequestSummary(country(n), "consumer", "CONSUMER", "SUBPOENA", 1, receivedAt,
				false);
		DecisionRecorded data = new DecisionRecorded(id, "DISCLOSE_NON_CONTENT", "benchmark", "bench-counsel",
				receivedAt.plusSeconds(60), null, summary, "LEGAL_PROCESS", null);
		return EventEnvelope.wrap(eventId, "/review-service", id, 1, receivedAt.plusSeconds(60), data);
	}

	static String country(long n) {
		return COUNTRIES.get((int) (n % COUNTRIES.size()));
	}

	/** How many of {@code requests} requests numbered from 0 come from the country. */
	static long requestsFrom(String country, long requests) {
		int index = COUNTRIES.indexOf(country);
		long full = requests / COUNTRIES.size();
		return full + ((index < requests % COUNTRIES.size()) ? 1 : 0);
	}

	/** The encoded size of one request's {@code RequestReceived}, in bytes. */
	static int receivedSize() {
		return codec.encode(received(UUID.randomUUID(), 0, Instant.now(), UUID.randomUUID())).length;
	}

	/**
	 * Writes requests {@code from} to {@code from + count - 1}: each one's
	 * {@code RequestReceived} to {@code requestsTopic} and, unless {@code decisionsTopic}
	 * is null, its {@code DecisionRecorded} to that topic; waits for every
	 * acknowledgement.
	 * @param ids how request and event ids are minted ({@link Options#ids()})
	 * @return records written
	 */
	static long write(Broker broker, String requestsTopic, String decisionsTopic, long from, long count,
			Instant receivedAt, Supplier<UUID> ids) {
		AtomicLong failures = new AtomicLong();
		long written = 0;
		try (KafkaProducer<byte[], byte[]> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 20,
				ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4"))) {
			for (long n = from; n < from + count; n++) {
				UUID id = ids.get();
				written += send(producer, requestsTopic, id, codec.encode(received(id, n, receivedAt, ids.get())),
						failures);
				if (decisionsTopic != null) {
					written += send(producer, decisionsTopic, id, codec.encode(decided(id, n, receivedAt, ids.get())),
							failures);
				}
			}
			producer.flush();
		}
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " fast-path records were not acknowledged");
		}
		return written;
	}

	private static int send(KafkaProducer<byte[], byte[]> producer, String topic, UUID id, byte[] value,
			AtomicLong failures) {
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
				id.toString().getBytes(StandardCharsets.UTF_8), value);
		record.headers().add(CloudEventsKafka.CONTENT_TYPE_HEADER, CloudEventsKafka.structuredContentType());
		producer.send(record, (metadata, ex) -> {
			if (ex != null) {
				failures.incrementAndGet();
			}
		});
		return 1;
	}

}
