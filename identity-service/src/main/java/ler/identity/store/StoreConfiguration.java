package ler.identity.store;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import ler.identity.account.AccountMirror;
import ler.identity.agency.AgencyMirror;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code ler.identity.mongodb.uri} set ({@code MONGODB_URI}), accounts and agencies
 * are written through to MongoDB and survive a restart; without it they live in memory,
 * fresh from the seed at every start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${ler.identity.mongodb.uri:}'.isBlank()")
class StoreConfiguration {

	@Bean(destroyMethod = "close")
	MongoClient identityMongoClient(@Value("${ler.identity.mongodb.uri}") String uri) {
		return MongoClients.create(new ConnectionString(uri));
	}

	@Bean
	MongoRegister mongoRegister(MongoClient client, @Value("${ler.identity.mongodb.database}") String database) {
		return new MongoRegister(client.getDatabase(database));
	}

	@Bean
	AccountMirror accountMirror(MongoRegister register) {
		return register.accounts();
	}

	@Bean
	AgencyMirror agencyMirror(MongoRegister register) {
		return register.agencies();
	}

}
