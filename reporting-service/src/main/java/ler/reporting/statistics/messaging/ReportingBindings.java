package ler.reporting.statistics.messaging;

import java.util.List;
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

	/** One poll of {@code ler.requests} at a time (batch mode). */
	@Bean
	Consumer<Message<List<byte[]>>> projectRequests(ProjectionWriter writer) {
		return writer::onRequestEvents;
	}

	/** One poll of {@code ler.decisions} at a time (batch mode). */
	@Bean
	Consumer<Message<List<byte[]>>> projectDecisions(ProjectionWriter writer) {
		return writer::onReviewEvents;
	}

}
