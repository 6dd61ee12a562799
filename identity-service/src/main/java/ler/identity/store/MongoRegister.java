package ler.identity.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import ler.identity.account.Account;
import ler.identity.account.AccountMirror;
import ler.identity.account.AccountStatus;
import ler.identity.account.Role;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyMirror;
import ler.identity.agency.AgencyStatus;
import ler.identity.agency.AgencyType;
import org.bson.Document;

/**
 * The register kept in MongoDB: one document per account ({@code accounts}) and per
 * agency ({@code agencies}), keyed by {@code _id} = the id and replaced whole on every
 * change. Single-document writes only, so it works on a replica set and on the
 * MongoDB-wire store of the local stack alike (INFRA.md).
 *
 * <p>
 * A write that fails throws: the change it belongs to is then not applied in memory
 * either ({@code Accounts} writes inside its per-account update).
 */
public final class MongoRegister {

	private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

	private final MongoCollection<Document> accounts;

	private final MongoCollection<Document> agencies;

	/**
	 * The register in {@code database}: collections {@code accounts} and
	 * {@code agencies}.
	 */
	public MongoRegister(MongoDatabase database) {
		this.accounts = database.getCollection("accounts");
		this.agencies = database.getCollection("agencies");
	}

	/** The accounts' mirror: the {@code accounts} collection. */
	public AccountMirror accounts() {
		return new AccountMirror() {

			@Override
			public List<Account> load() {
				List<Account> all = new ArrayList<>();
				for (Document document : MongoRegister.this.accounts.find()) {
					all.add(account(document));
				}
				return all;
			}

			@Override
			public void save(Account account) {
				MongoRegister.this.accounts.replaceOne(Filters.eq("_id", account.id()), document(account), UPSERT);
			}

		};
	}

	/** The agencies' mirror: the {@code agencies} collection. */
	public AgencyMirror agencies() {
		return new AgencyMirror() {

			@Override
			public List<Agency> load() {
				List<Agency> all = new ArrayList<>();
				for (Document document : MongoRegister.this.agencies.find()) {
					all.add(agency(document));
				}
				return all;
			}

			@Override
			public void save(Agency agency) {
				MongoRegister.this.agencies.replaceOne(Filters.eq("_id", agency.id()), document(agency), UPSERT);
			}

		};
	}

	private static Document document(Account account) {
		return new Document("_id", account.id()).append("username", account.username())
			.append("email", account.email())
			.append("displayName", account.displayName())
			.append("roles", account.roles().stream().map(Role::name).sorted().toList())
			.append("status", account.status().name())
			.append("agencyId", account.agencyId())
			.append("mayFileEmergency", account.mayFileEmergency())
			.append("passwordHash", account.passwordHash())
			.append("totpSecret", account.totpSecret())
			.append("failedAttempts", account.failedAttempts())
			.append("lockedUntil", date(account.lockedUntil()))
			.append("lastTotpStep", account.lastTotpStep())
			.append("statusChangedAt", date(account.statusChangedAt()))
			.append("statusChangedBy", account.statusChangedBy());
	}

	private static Account account(Document document) {
		Set<Role> roles = new HashSet<>();
		document.getList("roles", String.class).forEach((role) -> roles.add(Role.valueOf(role)));
		return new Account(document.getString("_id"), document.getString("username"), document.getString("email"),
				document.getString("displayName"), roles, AccountStatus.valueOf(document.getString("status")),
				document.getString("agencyId"), document.getBoolean("mayFileEmergency", false),
				document.getString("passwordHash"), document.getString("totpSecret"),
				document.getInteger("failedAttempts", 0), instant(document.getDate("lockedUntil")),
				document.get("lastTotpStep", Long.MIN_VALUE), instant(document.getDate("statusChangedAt")),
				document.getString("statusChangedBy"));
	}

	private static Document document(Agency agency) {
		return new Document("_id", agency.id()).append("name", agency.name())
			.append("country", agency.country())
			.append("type", agency.type().name())
			.append("status", agency.status().name())
			.append("emailDomains", agency.emailDomains());
	}

	private static Agency agency(Document document) {
		return new Agency(document.getString("_id"), document.getString("name"), document.getString("country"),
				AgencyType.valueOf(document.getString("type")), AgencyStatus.valueOf(document.getString("status")),
				document.getList("emailDomains", String.class, List.of()));
	}

	private static Date date(Instant instant) {
		return (instant != null) ? Date.from(instant) : null;
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
