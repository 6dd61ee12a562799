package ler.reporting.health;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's database, and a health check that uses {@code ping}: Boot's own indicator
 * sends {@code hello}, which the embedded local store does not answer.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

	/**
	 * The database named by the URI or {@code spring.mongodb.database}, else this
	 * service's own.
	 */
	@Bean
	MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties) {
		String name = properties.getMongoClientDatabase();
		return client.getDatabase((name != null) ? name : "ler_reporting");
	}

	@Bean
	ReactiveHealthIndicator mongoPingHealthIndicator(MongoDatabase database) {
		return () -> Mono.from(database.runCommand(new Document("ping", 1)))
			.map((answer) -> Health.up().withDetail("database", database.getName()).build())
			.onErrorResume((ex) -> Mono.just(Health.down(ex).build()));
	}

}
