package ler.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * A {@link DeadLetterMeter} for a service that names its dead-letter topics in
 * {@code ler.dead-letters.topics} (comma-separated), counted on the broker of
 * {@code spring.cloud.stream.kafka.binder.brokers}.
 */
@AutoConfiguration
@ConditionalOnClass({ Admin.class, MeterRegistry.class })
@ConditionalOnProperty("ler.dead-letters.topics")
@EnableConfigurationProperties(DeadLetterProperties.class)
public class DeadLetterAutoConfiguration {

	@Bean
	DeadLetterMeter deadLetterMeter(MeterRegistry meters, DeadLetterProperties properties,
			@Value("${spring.cloud.stream.kafka.binder.brokers:localhost:9092}") String brokers) {
		return new DeadLetterMeter(meters, brokers, properties.topics(), properties.refresh());
	}

}
