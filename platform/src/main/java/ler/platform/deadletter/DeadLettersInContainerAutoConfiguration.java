package ler.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;

import ler.platform.kafka.KafkaClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Retries and dead letters in the listener container (spring-kafka's
 * {@link DefaultErrorHandler}) for a service whose consumers take a poll at a time (batch
 * mode), since the binder dead-letters a failed batch as a whole: the consumer names the
 * first record it could not apply ({@link BatchListenerFailedException}), the records
 * before it are committed, and that record alone is retried with the binding's back-off
 * ({@code max-attempts}, {@code back-off-*}), then sent to the binding's {@code dlq-name}
 * in the same partition with the binder's own dead-letter headers
 * ({@code x-original-topic}, {@code x-original-partition}, {@code x-original-offset},
 * {@code x-exception-fqcn}, {@code x-exception-message}), so dead letters are listed and
 * re-driven as the binder's own (ADR 11). No stack trace is written: it may quote the
 * payload. On with {@code ler.dead-letters.in-container=true}; it then applies to every
 * binding of the service, batch or record mode alike.
 */
@AutoConfiguration
@ConditionalOnClass(ListenerContainerWithDlqAndRetryCustomizer.class)
@ConditionalOnProperty("ler.dead-letters.in-container")
public class DeadLettersInContainerAutoConfiguration {

	/**
	 * The dead-letter producer: the service's own principal ({@link KafkaClients}),
	 * acks=all, idempotent. Not a {@code ProducerFactory} bean, which would replace
	 * Boot's own.
	 */
	public static final class DeadLetterProducer implements DisposableBean {

		final DefaultKafkaProducerFactory<byte[], byte[]> factory;

		final KafkaTemplate<byte[], byte[]> template;

		DeadLetterProducer(Environment environment) {
			Map<String, Object> config = KafkaClients.settings(environment);
			config.put(ProducerConfig.ACKS_CONFIG, "all");
			config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			this.factory = new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(),
					new ByteArraySerializer());
			this.template = new KafkaTemplate<>(this.factory);
		}

		@Override
		public void destroy() {
			this.factory.destroy();
		}

	}

	@Bean
	DeadLetterProducer deadLetterProducer(Environment environment) {
		return new DeadLetterProducer(environment);
	}

	@Bean
	ListenerContainerWithDlqAndRetryCustomizer deadLettersInTheContainer(DeadLetterProducer deadLetterProducer) {
		KafkaTemplate<byte[], byte[]> template = deadLetterProducer.template;
		return new ListenerContainerWithDlqAndRetryCustomizer() {

			@Override
			public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
					String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
					BackOff backOff) {
				DefaultErrorHandler handler;
				if (dlqDestinationResolver == null) {
					handler = new DefaultErrorHandler((backOff != null) ? backOff : new FixedBackOff(0L, 0L));
				}
				else {
					DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
							dlqDestinationResolver);
					recoverer.setHeaderNamesSupplier(DeadLettersInContainerAutoConfiguration::binderHeaderNames);
					recoverer.setExceptionHeadersCreator(DeadLettersInContainerAutoConfiguration::exceptionHeaders);
					handler = new DefaultErrorHandler(recoverer,
							(backOff != null) ? backOff : new FixedBackOff(0L, 0L));
				}
				container.setCommonErrorHandler(handler);
			}

			@Override
			public boolean retryAndDlqInBinding(String destinationName, String group) {
				return false;
			}

		};
	}

	/** The header names the binder's own dead-letter sender uses. */
	static HeaderNames binderHeaderNames() {
		return HeaderNames.Builder.original()
			.offsetHeader("x-original-offset")
			.timestampHeader("x-original-timestamp")
			.timestampTypeHeader("x-original-timestamp-type")
			.topicHeader("x-original-topic")
			.partitionHeader("x-original-partition")
			.consumerGroupHeader("x-original-consumer-group")
			.exception()
			.keyExceptionFqcn("x-key-exception-fqcn")
			.exceptionFqcn("x-exception-fqcn")
			.exceptionCauseFqcn("x-exception-cause-fqcn")
			.keyExceptionMessage("x-key-exception-message")
			.exceptionMessage("x-exception-message")
			.keyExceptionStacktrace("x-key-exception-stacktrace")
			.exceptionStacktrace("x-exception-stacktrace")
			.build();
	}

	/**
	 * What failed, without a stack trace: the cause the writer gave for the record (the
	 * store's or the codec's exception), not the container's wrappers around it.
	 */
	static void exceptionHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		Throwable cause = failure(exception);
		headers.add("x-exception-fqcn", cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
		headers.add("x-exception-message", String.valueOf(cause.getMessage()).getBytes(StandardCharsets.UTF_8));
	}

	/** The cause inside the writer's {@link BatchListenerFailedException}, if any. */
	static Throwable failure(Throwable exception) {
		Throwable at = exception;
		while (at != null) {
			if (at instanceof BatchListenerFailedException failed && failed.getCause() != null) {
				return failed.getCause();
			}
			at = at.getCause();
		}
		return exception;
	}

}
