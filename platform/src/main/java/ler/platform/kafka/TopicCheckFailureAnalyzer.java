package ler.platform.kafka;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells an operator why a service refused to start on its Kafka topics, and what to do,
 * instead of a stack trace.
 */
public class TopicCheckFailureAnalyzer extends AbstractFailureAnalyzer<TopicCheck.TopicCheckException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TopicCheck.TopicCheckException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Declare the topics with the admin step of this deployment (the local stack's launcher, "
						+ "compose's kafka-topics service, the kafka-topics Job or the KafkaTopic resources), each "
						+ "event topic with retention.ms=-1 and retention.bytes=-1, and check that this service's "
						+ "Kafka user may Describe them and DescribeConfigs the event topics (ler.topics.*).",
				cause);
	}

}
