package ler.testsupport;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real MongoDB replica set and a real Apache Kafka broker, as images, for a service's
 * {@code *OnRealInfrastructureIT}: extend it and register the service's database from a
 * {@code @DynamicPropertySource}. MongoDB runs with access control as compose and
 * Kubernetes run it ({@link SecuredMongoContainer}): the service logs in as its own user,
 * which may read and write its own database only. Where no Docker engine runs, the suite
 * is reported as skipped (INFRA.md), never failed.
 */
@Testcontainers(disabledWithoutDocker = true)
public abstract class RealInfrastructure {

	/**
	 * MongoDB as compose and k8s run it: a single-member replica set, access control on,
	 * a user per service database.
	 */
	@Container
	protected static final SecuredMongoContainer mongo = new SecuredMongoContainer("mongo:8.0");

	/** Apache Kafka's own image, KRaft. */
	@Container
	protected static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

	/**
	 * Points the service at the containers, logged in to MongoDB as the user of its
	 * database.
	 * @param database the service's database, e.g. {@code ler_intake}
	 */
	protected static void register(DynamicPropertyRegistry registry, String database) {
		registry.add("spring.mongodb.uri", () -> mongo.uri(database));
		registry.add("spring.cloud.stream.kafka.binder.brokers", kafka::getBootstrapServers);
		TestTokens.register(registry);
		// no admin step declares the topics here: the service's topic check creates them
		registry.add("ler.topics.create-missing", () -> "true");
	}

}
