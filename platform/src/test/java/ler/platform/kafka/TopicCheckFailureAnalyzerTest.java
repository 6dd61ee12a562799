package ler.platform.kafka;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

/** A refused start names the topic and the setting, and says what to do. */
class TopicCheckFailureAnalyzerTest {

	@Test
	void describesTheRefusalAndTheAction() {
		TopicCheck.TopicCheckException refusal = new TopicCheck.TopicCheckException(
				"Kafka topic ler.requests has retention.ms=604800000 (the broker's default)");
		FailureAnalysis analysis = new TopicCheckFailureAnalyzer()
			.analyze(new IllegalStateException("context failed", refusal));
		assertThat(analysis.getDescription()).isEqualTo(refusal.getMessage());
		assertThat(analysis.getAction()).contains("retention.ms=-1").contains("admin step");
	}

}
