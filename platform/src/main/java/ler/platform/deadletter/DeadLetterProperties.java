package ler.platform.deadletter;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ler.dead-letters.*}.
 *
 * @param topics the dead-letter topics of this service's consumers (usually the bindings'
 * {@code dlq-name}s); none, no meter
 * @param refresh how often the counts are read from the broker
 */
@ConfigurationProperties("ler.dead-letters")
public record DeadLetterProperties(List<String> topics, @DefaultValue("15s") Duration refresh) {

}
