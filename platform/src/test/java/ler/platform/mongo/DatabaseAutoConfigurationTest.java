package ler.platform.mongo;

import com.mongodb.reactivestreams.client.MongoDatabase;
import ler.testsupport.LocalMongo;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** The database a service gets, and its ping health, against the MongoDB-wire store. */
class DatabaseAutoConfigurationTest {

	final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(MongoReactiveAutoConfiguration.class, DatabaseAutoConfiguration.class));

	@Test
	void usesTheDatabaseTheUriNames() {
		this.runner.withPropertyValues("spring.mongodb.uri=" + LocalMongo.uri("named_in_uri"))
			.run((context) -> assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("named_in_uri"));
	}

	@Test
	void aSharedUriGetsTheServicesOwnDatabase() {
		String shared = LocalMongo.uri("");
		this.runner.withPropertyValues("spring.mongodb.uri=" + shared, "spring.application.name=review-service")
			.run((context) -> assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("ler_review"));
		this.runner
			.withPropertyValues("spring.mongodb.uri=" + shared, "spring.application.name=review-service",
					"ler.mongodb.default-database=elsewhere")
			.run((context) -> assertThat(context.getBean(MongoDatabase.class).getName()).isEqualTo("elsewhere"));
	}

	@Test
	void healthPingsTheStore() {
		this.runner.withPropertyValues("spring.mongodb.uri=" + LocalMongo.uri("health")).run((context) -> {
			Health health = context.getBean("mongoPingHealthIndicator", ReactiveHealthIndicator.class)
				.health()
				.block(java.time.Duration.ofSeconds(10));
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("database", "health");
		});
	}

	@Test
	void healthIsDownWhenTheStoreDoesNotAnswer() {
		this.runner
			.withPropertyValues(
					"spring.mongodb.uri=mongodb://127.0.0.1:1/down?serverSelectionTimeoutMS=500&connectTimeoutMS=500")
			.run((context) -> {
				Health health = context.getBean("mongoPingHealthIndicator", ReactiveHealthIndicator.class)
					.health()
					.block(java.time.Duration.ofSeconds(10));
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			});
	}

}
