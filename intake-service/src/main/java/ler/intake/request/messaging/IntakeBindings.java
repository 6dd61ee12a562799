package ler.intake.request.messaging;

import java.util.List;
import java.util.function.Consumer;

import ler.events.EventCodec;

import org.springframework.cloud.stream.config.ProducerMessageHandlerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.kafka.outbound.KafkaProducerMessageHandler;
import org.springframework.messaging.Message;

/** Intake's bindings; destinations, groups and partitions are in application.yml. */
@Configuration(proxyBeanMethods = false)
class IntakeBindings {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	/**
	 * The request binding's producer sends asynchronously and hands each send's future
	 * back to {@link RequestEventPublisher#SEND_RESULTS}, which completes the publish on
	 * the broker's acknowledgement. A failed send is answered there (503), so it is not
	 * also sent to the global error channel (whose handler would only log it again).
	 */
	@Bean
	ProducerMessageHandlerCustomizer<KafkaProducerMessageHandler<?, ?>> sendResults() {
		return (handler, destination) -> {
			handler.setFuturesChannel(RequestEventPublisher.SEND_RESULTS);
			handler.setSendFailureChannelName("nullChannel");
		};
	}

	/** One poll of {@code ler.requests} at a time (batch mode). */
	@Bean
	Consumer<Message<List<byte[]>>> requestView(ViewUpdater updater) {
		return updater::onRequestEvents;
	}

	/** One poll of {@code ler.decisions} at a time (batch mode). */
	@Bean
	Consumer<Message<List<byte[]>>> decisionView(ViewUpdater updater) {
		return updater::onReviewEvents;
	}

}
