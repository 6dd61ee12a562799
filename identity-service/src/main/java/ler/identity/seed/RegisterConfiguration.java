package ler.identity.seed;

import java.time.Clock;
import java.util.List;

import ler.identity.IdentityProperties;
import ler.identity.account.AccountMirror;
import ler.identity.account.Accounts;
import ler.identity.agency.Agencies;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyMirror;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The register (agencies, then accounts) loaded from the seed files, over whatever the
 * mirrors hold from earlier runs.
 */
@Configuration(proxyBeanMethods = false)
class RegisterConfiguration {

	@Bean
	SeedFiles seedFiles(ResourceLoader resources, JsonMapper json) {
		return new SeedFiles(resources, json);
	}

	@Bean
	Agencies agencies(SeedFiles seeds, IdentityProperties properties, ObjectProvider<AgencyMirror> mirror) {
		return new Agencies(mirror.getIfAvailable(() -> AgencyMirror.NONE),
				seeds.agencies(properties.seed().agencies()));
	}

	@Bean
	Accounts accounts(SeedFiles seeds, IdentityProperties properties, Agencies agencies,
			ObjectProvider<AccountMirror> mirror, Clock clock) {
		List<Agency> known = agencies.all();
		return new Accounts(mirror.getIfAvailable(() -> AccountMirror.NONE),
				seeds.accounts(properties.seed().accounts(), known), agencies, clock,
				properties.lockout().maxFailures(), properties.lockout().duration());
	}

}
