package ler.platform.deadletter;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service that names its dead-letter topics gets a gauge per topic; one that does not,
 * none.
 */
class DeadLetterAutoConfigurationTest {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeadLetterAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		// nothing listens there: the counts stay 0 and the meter keeps trying
		.withPropertyValues("spring.cloud.stream.kafka.binder.brokers=127.0.0.1:1");

	@Test
	void aGaugePerNamedTopicStartingAtZero() {
		this.runner.withPropertyValues("ler.dead-letters.topics=a.dlq.x,b.dlq.x").run((context) -> {
			assertThat(context).hasSingleBean(DeadLetterMeter.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.find("ler.dead.lettered.events").gauges()).hasSize(2);
			assertThat(meters.get("ler.dead.lettered.events").tag("topic", "a.dlq.x").gauge().value()).isZero();
		});
	}

	@Test
	void noTopicsNoMeter() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(DeadLetterMeter.class));
	}

}
