package ler.intake.request.messaging;

import java.util.function.Consumer;

import ler.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Intake's bindings; destinations, groups and partitions are in application.yml. */
@Configuration(proxyBeanMethods = false)
class IntakeBindings {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	Consumer<Message<byte[]>> requestView(ViewUpdater updater) {
		return updater::onRequestEvent;
	}

	@Bean
	Consumer<Message<byte[]>> decisionView(ViewUpdater updater) {
		return updater::onReviewEvent;
	}

}
