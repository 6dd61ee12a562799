package ler.review.cases.messaging;

import java.util.List;
import java.util.function.Consumer;

import ler.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** Review's bindings; destinations, groups and partitions are in application.yml. */
@Configuration(proxyBeanMethods = false)
class ReviewBindings {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	/** One poll of {@code ler.requests} at a time (batch mode). */
	@Bean
	Consumer<Message<List<byte[]>>> openCase(RequestEventHandler handler) {
		return handler::onRequestEvents;
	}

}
