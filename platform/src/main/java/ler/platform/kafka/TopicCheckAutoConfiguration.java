package ler.platform.kafka;

import org.apache.kafka.clients.admin.Admin;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A {@link TopicCheck} for a service that names its event topics in
 * {@code ler.topics.events}, on the binder's brokers with the binder's security settings
 * ({@link KafkaClients}). It runs while the context is created, before the bindings
 * start.
 */
@AutoConfiguration
@ConditionalOnClass(Admin.class)
@ConditionalOnProperty("ler.topics.events")
@EnableConfigurationProperties(TopicProperties.class)
public class TopicCheckAutoConfiguration {

	@Bean
	TopicCheck lerTopicCheck(Environment environment, TopicProperties topics) {
		return new TopicCheck(KafkaClients.settings(environment), topics);
	}

}
