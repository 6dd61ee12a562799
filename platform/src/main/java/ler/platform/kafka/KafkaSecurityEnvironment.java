package ler.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Applies the Kafka client security given in the environment to the binder's
 * {@code spring.cloud.stream.kafka.binder.configuration} (which the binder's producers,
 * consumers and admin client use, and {@link KafkaClients} for the services' own
 * clients): {@code LER_KAFKA_SECURITY_PROTOCOL} (e.g. {@code SASL_PLAINTEXT},
 * {@code SASL_SSL}), {@code LER_KAFKA_SASL_MECHANISM} (default {@code SCRAM-SHA-512}),
 * {@code LER_KAFKA_USERNAME} and {@code LER_KAFKA_PASSWORD}. Nothing set, nothing
 * applied: a plain broker (the embedded one of the tests) needs none. Added last, so a
 * {@code spring.cloud.stream.kafka.binder.configuration.*} given explicitly (e.g. a JAAS
 * line from a Kubernetes Secret) wins.
 */
public class KafkaSecurityEnvironment implements EnvironmentPostProcessor {

	/** The name of the property source this adds. */
	public static final String SOURCE = "lerKafkaSecurity";

	static final String PREFIX = "spring.cloud.stream.kafka.binder.configuration.";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> properties = settings(environment.getProperty("LER_KAFKA_SECURITY_PROTOCOL"),
				environment.getProperty("LER_KAFKA_SASL_MECHANISM"), environment.getProperty("LER_KAFKA_USERNAME"),
				environment.getProperty("LER_KAFKA_PASSWORD"));
		if (!properties.isEmpty()) {
			environment.getPropertySources().addLast(new MapPropertySource(SOURCE, properties));
		}
	}

	/**
	 * The binder configuration for the given settings, keys prefixed with
	 * {@code spring.cloud.stream.kafka.binder.configuration.}; empty when no protocol is
	 * given.
	 * @throws IllegalStateException a SASL protocol without a user name or password
	 */
	static Map<String, Object> settings(String protocol, String mechanism, String username, String password) {
		Map<String, Object> properties = new LinkedHashMap<>();
		if (isBlank(protocol)) {
			return properties;
		}
		properties.put(PREFIX + "security.protocol", protocol.trim());
		if (protocol.trim().startsWith("SASL")) {
			if (isBlank(username) || isBlank(password)) {
				throw new IllegalStateException("LER_KAFKA_SECURITY_PROTOCOL is " + protocol.trim()
						+ ": LER_KAFKA_USERNAME and LER_KAFKA_PASSWORD must be set too");
			}
			String chosen = isBlank(mechanism) ? "SCRAM-SHA-512" : mechanism.trim();
			properties.put(PREFIX + "sasl.mechanism", chosen);
			properties.put(PREFIX + "sasl.jaas.config", jaas(chosen, username.trim(), password));
		}
		return properties;
	}

	/** The JAAS line for a SCRAM or PLAIN login, values quoted and escaped. */
	static String jaas(String mechanism, String username, String password) {
		String module = mechanism.startsWith("SCRAM") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
				: "org.apache.kafka.common.security.plain.PlainLoginModule";
		return module + " required username=\"" + escape(username) + "\" password=\"" + escape(password) + "\";";
	}

	private static String escape(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
