package ler.platform.mongo;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoDatabase;
import org.bson.Document;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The service's {@link MongoDatabase} from Boot's reactive client, and a health check
 * ({@code mongoPing}) that sends {@code ping}: Boot's own indicator sends {@code hello},
 * which the local MongoDB-wire store does not answer (so services set
 * {@code management.health.mongodb.enabled=false}).
 */
@AutoConfiguration(after = MongoReactiveAutoConfiguration.class)
@ConditionalOnClass(MongoClient.class)
@ConditionalOnBean(MongoClient.class)
@EnableConfigurationProperties(DatabaseProperties.class)
public class DatabaseAutoConfiguration {

	/**
	 * The database named by the URI or {@code spring.mongodb.database}, else
	 * {@link DatabaseProperties#defaultDatabase()}.
	 */
	@Bean
	@ConditionalOnMissingBean
	MongoDatabase mongoDatabase(MongoClient client, MongoProperties mongo, DatabaseProperties properties,
			@Value("${spring.application.name:}") String application) {
		String name = mongo.getMongoClientDatabase();
		return client.getDatabase((name != null) ? name : defaultDatabase(properties, application));
	}

	@Bean
	@ConditionalOnClass(ReactiveHealthIndicator.class)
	@ConditionalOnMissingBean(name = "mongoPingHealthIndicator")
	ReactiveHealthIndicator mongoPingHealthIndicator(MongoDatabase database) {
		return () -> Mono.from(database.runCommand(new Document("ping", 1)))
			.map((answer) -> Health.up().withDetail("database", database.getName()).build())
			.onErrorResume((ex) -> Mono.just(Health.down(ex).build()));
	}

	static String defaultDatabase(DatabaseProperties properties, String application) {
		if (properties.defaultDatabase() != null && !properties.defaultDatabase().isBlank()) {
			return properties.defaultDatabase();
		}
		if (application.isBlank()) {
			throw new IllegalStateException(
					"No MongoDB database: name one in spring.mongodb.uri or ler.mongodb.default-database");
		}
		return "ler_" + application.replaceFirst("-service$", "").replace('-', '_');
	}

}
