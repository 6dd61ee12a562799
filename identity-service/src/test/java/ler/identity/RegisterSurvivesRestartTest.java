package ler.identity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import ler.identity.account.AccountStatus;
import ler.identity.account.Accounts;
import ler.identity.agency.Agencies;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyStatus;
import ler.identity.agency.AgencyType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With MongoDB configured, an admin's changes outlive the provider: the register is
 * written through to the store (here the MongoDB-wire store over the wire) and a restart
 * loads it before the seed, which only adds what is missing.
 */
class RegisterSurvivesRestartTest {

	private static MongoServer mongo;

	@BeforeAll
	static void startStore() {
		mongo = new MongoServer(new MemoryBackend());
		mongo.bind("127.0.0.1", 0);
	}

	@AfterAll
	static void stopStore() {
		mongo.shutdownNow();
	}

	@Test
	void verificationLockOutAndNewAgencySurviveARestart() throws Exception {
		Path data = Files.createTempDirectory("identity-restart");
		Agency garda = new Agency("garda", "Garda Siochana", "IE", AgencyType.POLICE, AgencyStatus.ACTIVE,
				List.of("garda.ie"));
		try (ConfigurableApplicationContext first = start(data)) {
			Accounts accounts = first.getBean(Accounts.class);
			assertThat(accounts.byId(Person.TEST_NEWCOMER.id()).orElseThrow().status())
				.isEqualTo(AccountStatus.PENDING);
			accounts.verify(Person.TEST_NEWCOMER.id(), Person.ADMIN.id());
			for (int i = 0; i < 5; i++) {
				accounts.recordFailure(Person.TEST_LOCKOUT.id());
			}
			first.getBean(Agencies.class).add(garda);
		}

		try (ConfigurableApplicationContext second = start(data)) {
			Accounts accounts = second.getBean(Accounts.class);
			assertThat(accounts.byId(Person.TEST_NEWCOMER.id()).orElseThrow().statusChangedBy())
				.isEqualTo(Person.ADMIN.id());
			assertThat(accounts.locked(accounts.byId(Person.TEST_LOCKOUT.id()).orElseThrow())).isTrue();
			assertThat(accounts.byId(Person.COUNSEL.id())).as("seeded accounts are still there").isPresent();
			assertThat(second.getBean(Agencies.class).byId("garda")).hasValue(garda);

			SignInClient browser = new SignInClient(
					"http://localhost:" + second.getEnvironment().getProperty("local.server.port"));
			assertThat(browser.signIn(Person.TEST_NEWCOMER)).as("the verified officer signs in after the restart")
				.isPresent();
		}
	}

	private static ConfigurableApplicationContext start(Path data) {
		// command-line arguments: they outrank application.yml (builder properties do
		// not)
		return new SpringApplicationBuilder(IdentityApplication.class).run("--server.port=0",
				"--ler.identity.data-dir=" + data,
				"--ler.identity.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort()
						+ "/?retryWrites=false",
				"--ler.identity.mongodb.database=identity_restart_test",
				"--ler.identity.seed.accounts=classpath:seed/accounts.json,classpath:seed/test-accounts.json");
	}

}
