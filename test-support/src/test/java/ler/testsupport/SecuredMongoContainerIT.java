package ler.testsupport;

import java.util.List;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The MongoDB of the real-infrastructure suites is locked down as compose and Kubernetes
 * lock it: each service's user may read and write its own database and nothing else, and
 * a client without credentials may read nothing. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class SecuredMongoContainerIT {

	/** MongoDB's code for "not authorized". */
	private static final int UNAUTHORIZED = 13;

	@Container
	static final SecuredMongoContainer mongo = new SecuredMongoContainer("mongo:8.0");

	@Test
	void aServiceUserReadsAndWritesItsOwnDatabase() {
		try (MongoClient intake = MongoClients.create(mongo.uri("ler_intake"))) {
			var probes = intake.getDatabase("ler_intake").getCollection("probes");
			probes.insertOne(new Document("probe", 1));
			assertThat(probes.countDocuments(new Document("probe", 1))).isEqualTo(1);
		}
	}

	@Test
	void aServiceUserCannotReadAnotherServicesDatabase() {
		try (MongoClient root = MongoClients.create(mongo.rootUri());
				MongoClient intake = MongoClients.create(mongo.uri("ler_intake"))) {
			root.getDatabase("ler_review").getCollection("cases").insertOne(new Document("case", 1));
			assertThatExceptionOfType(MongoCommandException.class)
				.isThrownBy(() -> intake.getDatabase("ler_review").getCollection("cases").find().first())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(UNAUTHORIZED));
		}
	}

	@Test
	void aServiceUserCannotAdministerTheServerOrItsOwnUsers() {
		try (MongoClient intake = MongoClients.create(mongo.uri("ler_intake"))) {
			assertThatExceptionOfType(MongoCommandException.class)
				.isThrownBy(() -> intake.getDatabase("admin").runCommand(new Document("replSetGetStatus", 1)))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(UNAUTHORIZED));
			assertThatExceptionOfType(MongoCommandException.class)
				.isThrownBy(() -> intake.getDatabase("ler_intake")
					.runCommand(new Document("createUser", "intruder").append("pwd", "x")
						.append("roles", List.of(new Document("role", "root").append("db", "admin")))))
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(UNAUTHORIZED));
		}
	}

	@Test
	void aClientWithoutCredentialsReadsNothing() {
		try (MongoClient anonymous = MongoClients.create(mongo.anonymousUri())) {
			assertThatExceptionOfType(MongoCommandException.class)
				.isThrownBy(() -> anonymous.getDatabase("ler_intake").listCollectionNames().first())
				.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo(UNAUTHORIZED));
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		String wrong = mongo.uri("ler_intake").replaceFirst("intake-service:[0-9a-f]+@", "intake-service:wrong@");
		try (MongoClient intake = MongoClients.create(wrong)) {
			assertThatThrownBy(() -> intake.getDatabase("ler_intake").listCollectionNames().first())
				.isInstanceOf(MongoSecurityException.class);
		}
	}

}
