package ler.identity.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import ler.identity.account.Account;
import ler.identity.account.AccountStatus;
import ler.identity.account.Role;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyStatus;
import ler.identity.totp.Base32;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the seed files: {@code {"agencies": [Agency...]}} and {@code {"accounts":
 * [SeedAccount...]}}. A seed that breaks a rule of the register stops the provider at
 * start, naming the file, the entry's position and the rule (never the entry's values).
 */
final class SeedFiles {

	/** The RFC 4226 minimum for an HOTP/TOTP shared secret: 128 bits. */
	private static final int MIN_TOTP_SECRET_BYTES = 16;

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private final ResourceLoader resources;

	private final JsonMapper json;

	SeedFiles(ResourceLoader resources, JsonMapper json) {
		this.resources = resources;
		this.json = json;
	}

	record AgencyFile(List<Agency> agencies) {
	}

	/**
	 * An account as the seed holds it: the password only as a delegating-encoder hash
	 * ({@code {bcrypt}...}), the TOTP secret in base32.
	 */
	record SeedAccount(String id, String username, String email, String displayName, Set<Role> roles,
			AccountStatus status, String agencyId, Boolean mayFileEmergency, String passwordHash, String totpSecret) {
	}

	record AccountFile(List<SeedAccount> accounts) {
	}

	List<Agency> agencies(List<String> locations) {
		List<Agency> agencies = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		for (String location : locations) {
			List<Agency> read = read(location, AgencyFile.class).agencies();
			for (int i = 0; i < read.size(); i++) {
				Agency agency = read.get(i);
				String where = location + " agencies[" + i + "]";
				require(agency.id() != null && !agency.id().isBlank() && ids.add(agency.id()), where,
						"id: present and unique");
				require(agency.name() != null && !agency.name().isBlank(), where, "name: present");
				require(agency.country() != null && COUNTRIES.contains(agency.country()), where,
						"country: ISO 3166-1 alpha-2");
				require(agency.type() != null, where, "type: one of AgencyType");
				agencies.add((agency.status() != null) ? agency : new Agency(agency.id(), agency.name(),
						agency.country(), agency.type(), AgencyStatus.ACTIVE, agency.emailDomains()));
			}
		}
		return agencies;
	}

	List<Account> accounts(List<String> locations, List<Agency> agencies) {
		Set<String> agencyIds = new HashSet<>();
		agencies.forEach((agency) -> agencyIds.add(agency.id()));
		List<Account> accounts = new ArrayList<>();
		Set<String> ids = new HashSet<>();
		Set<String> usernames = new HashSet<>();
		for (String location : locations) {
			List<SeedAccount> read = read(location, AccountFile.class).accounts();
			for (int i = 0; i < read.size(); i++) {
				SeedAccount seed = read.get(i);
				String where = location + " accounts[" + i + "]";
				require(seed.id() != null && !seed.id().isBlank() && ids.add(seed.id()), where,
						"id: present and unique");
				require(seed.username() != null && !seed.username().isBlank()
						&& usernames.add(seed.username().toLowerCase(Locale.ROOT)), where,
						"username: present and unique regardless of case");
				require(seed.roles() != null && !seed.roles().isEmpty(), where, "roles: at least one");
				boolean officer = seed.roles().contains(Role.LIAISON);
				require(!officer || agencyIds.contains(seed.agencyId()), where,
						"agencyId: an officer belongs to a registered agency");
				require(officer || seed.agencyId() == null, where, "agencyId: only officers belong to an agency");
				require(officer || !Boolean.TRUE.equals(seed.mayFileEmergency()), where,
						"mayFileEmergency: officers only");
				require(seed.passwordHash() != null && seed.passwordHash().startsWith("{"), where,
						"passwordHash: a delegating-encoder hash such as {bcrypt}...");
				require(seed.totpSecret() == null || validSecret(seed.totpSecret()), where,
						"totpSecret: base32 of at least 128 bits");
				accounts.add(new Account(seed.id(), seed.username(), seed.email(), seed.displayName(), seed.roles(),
						(seed.status() != null) ? seed.status() : AccountStatus.PENDING, seed.agencyId(),
						Boolean.TRUE.equals(seed.mayFileEmergency()), seed.passwordHash(), seed.totpSecret(), 0, null,
						Long.MIN_VALUE, null, null));
			}
		}
		return accounts;
	}

	private static boolean validSecret(String secret) {
		try {
			return Base32.decode(secret).length >= MIN_TOTP_SECRET_BYTES;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private <T> T read(String location, Class<T> type) {
		Resource resource = this.resources.getResource(location);
		try (InputStream in = resource.getInputStream()) {
			return this.json.readValue(in, type);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read seed " + location, ex);
		}
	}

	private static void require(boolean rule, String where, String what) {
		if (!rule) {
			throw new IllegalStateException("Seed " + where + " breaks the rule " + what);
		}
	}

}
