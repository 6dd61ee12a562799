package ler.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import ler.platform.kafka.KafkaClients;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A {@link DeadLetterMeter} for a service that names its dead-letter topics in
 * {@code ler.dead-letters.topics} (comma-separated), counted on the broker of
 * {@code spring.cloud.stream.kafka.binder.brokers}, with the binder's security settings
 * ({@link KafkaClients}).
 */
@AutoConfiguration
@ConditionalOnClass({ Admin.class, MeterRegistry.class })
@ConditionalOnProperty("ler.dead-letters.topics")
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

	@Bean
	DeadLetterMeter deadLetterMeter(MeterRegistry meters, DeadLetterProperties properties, Environment environment) {
		return new DeadLetterMeter(meters, KafkaClients.settings(environment), properties.topics(),
				properties.refresh());
	}

}
