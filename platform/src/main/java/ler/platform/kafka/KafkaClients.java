package ler.platform.kafka;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The settings a service's own Kafka clients (admin, consumer, producer) share with the
 * binder: its brokers ({@code spring.cloud.stream.kafka.binder.brokers}) and its
 * {@code spring.cloud.stream.kafka.binder.configuration} map, which carries the security
 * settings ({@link KafkaSecurityEnvironment}, or given explicitly).
 */
public final class KafkaClients {

	private KafkaClients() {
	}

	/**
	 * A new, modifiable map of client properties: {@code bootstrap.servers} plus the
	 * binder's configuration. Add the client's own settings to it.
	 */
	public static Map<String, Object> settings(Environment environment) {
		Map<String, Object> settings = new HashMap<>(Binder.get(environment)
			.bind("spring.cloud.stream.kafka.binder.configuration", Bindable.mapOf(String.class, String.class))
			.orElse(Map.of()));
		settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
				environment.getProperty("spring.cloud.stream.kafka.binder.brokers", "localhost:9092"));
		return settings;
	}

}
