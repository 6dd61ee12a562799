package ler.platform.deadletter;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dead letters move into the listener container only for a service that asks; the headers
 * name the writer's cause, not the container's wrappers, and carry no stack trace.
 */
class DeadLettersInContainerAutoConfigurationTest {

	final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeadLettersInContainerAutoConfiguration.class))
		.withPropertyValues("spring.cloud.stream.kafka.binder.brokers=127.0.0.1:1");

	@Test
	void onWhenAskedAndThenTheBindingNoLongerRetries() {
		this.runner.withPropertyValues("ler.dead-letters.in-container=true").run((context) -> {
			ListenerContainerWithDlqAndRetryCustomizer customizer = context
				.getBean(ListenerContainerWithDlqAndRetryCustomizer.class);
			assertThat(customizer.retryAndDlqInBinding("ler.requests", "review-cases")).isFalse();
		});
	}

	@Test
	void offByDefault() {
		this.runner
			.run((context) -> assertThat(context).doesNotHaveBean(ListenerContainerWithDlqAndRetryCustomizer.class));
	}

	@Test
	void theHeadersNameTheWritersCause() {
		IllegalStateException cause = new IllegalStateException("store unavailable");
		ListenerExecutionFailedException wrapped = new ListenerExecutionFailedException("listener failed",
				new BatchListenerFailedException("record 3 of the batch cannot be applied", cause, 3));
		RecordHeaders headers = new RecordHeaders();
		DeadLettersInContainerAutoConfiguration.exceptionHeaders(headers, wrapped, false,
				DeadLettersInContainerAutoConfiguration.binderHeaderNames());
		assertThat(new String(headers.lastHeader("x-exception-fqcn").value(), StandardCharsets.UTF_8))
			.isEqualTo(IllegalStateException.class.getName());
		assertThat(new String(headers.lastHeader("x-exception-message").value(), StandardCharsets.UTF_8))
			.isEqualTo("store unavailable");
		assertThat(headers.lastHeader("x-exception-stacktrace")).isNull();
	}

}
