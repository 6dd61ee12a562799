package ler.reporting.statistics.messaging;

import java.util.function.Consumer;

import ler.events.EventCodec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * Reporting's bindings; destinations, groups and dead-letter topics are in
 * application.yml.
 */
@Configuration(proxyBeanMethods = false)
class ReportingBindings {

	@Bean
	EventCodec eventCodec() {
		return new EventCodec();
	}

	@Bean
	Consumer<Message<byte[]>> projectRequests(ProjectionWriter writer) {
		return writer::onRequestEvent;
	}

	@Bean
	Consumer<Message<byte[]>> projectDecisions(ProjectionWriter writer) {
		return writer::onReviewEvent;
	}

}
