package ler.platform.kafka;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Kafka login from the environment reaches the binder's configuration, and
 * {@link KafkaClients} hands it to the services' own clients; without it nothing is
 * added.
 */
class KafkaSecurityEnvironmentTest {

	final KafkaSecurityEnvironment processor = new KafkaSecurityEnvironment();

	@Test
	void scramLoginFromTheEnvironment() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("LER_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
			.withProperty("LER_KAFKA_USERNAME", "intake-service")
			.withProperty("LER_KAFKA_PASSWORD", "pa\"ss")
			.withProperty("spring.cloud.stream.kafka.binder.brokers", "broker:9092");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		Map<String, Object> settings = KafkaClients.settings(environment);
		assertThat(settings).containsEntry("bootstrap.servers", "broker:9092")
			.containsEntry("security.protocol", "SASL_PLAINTEXT")
			.containsEntry("sasl.mechanism", "SCRAM-SHA-512")
			.containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
					+ "username=\"intake-service\" password=\"pa\\\"ss\";");
	}

	@Test
	void anExplicitBinderSettingWins() {
		MockEnvironment environment = new MockEnvironment().withProperty("LER_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
			.withProperty("LER_KAFKA_USERNAME", "u")
			.withProperty("LER_KAFKA_PASSWORD", "p")
			.withProperty("spring.cloud.stream.kafka.binder.configuration.sasl.jaas.config", "from-a-secret");
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(KafkaClients.settings(environment)).containsEntry("sasl.jaas.config", "from-a-secret")
			.containsEntry("security.protocol", "SASL_SSL");
	}

	@Test
	void nothingSetNothingAdded() {
		StandardEnvironment environment = new StandardEnvironment();
		int before = environment.getPropertySources().size();
		this.processor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().size()).isEqualTo(before);
		assertThat(KafkaClients.settings(environment)).containsOnlyKeys("bootstrap.servers");
	}

	@Test
	void saslWithoutPasswordIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> KafkaSecurityEnvironment.settings("SASL_PLAINTEXT", null, "intake-service", ""))
			.withMessageContaining("LER_KAFKA_PASSWORD");
	}

}
