package ler.identity.admin;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import ler.identity.account.Account;
import ler.identity.account.AccountNotFoundException;
import ler.identity.account.AccountStatus;
import ler.identity.account.Accounts;
import ler.identity.agency.Agencies;
import ler.identity.agency.Agency;
import ler.identity.agency.AgencyStatus;
import ler.identity.agency.AgencyType;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API ({@code ADMIN} role): the agency register, the accounts, officer
 * verification and suspension, the emergency permission, ending a lock-out. The admin who
 * acts is the token's subject, recorded on the account.
 */
@RestController
@RequestMapping("/api/admin")
class AdminController {

	private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

	private static final Pattern DOMAIN = Pattern
		.compile("^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private final Agencies agencies;

	private final Accounts accounts;

	AdminController(Agencies agencies, Accounts accounts) {
		this.agencies = agencies;
		this.accounts = accounts;
	}

	/** An agency to register; {@code status} defaults to {@code ACTIVE}. */
	record NewAgency(String name, String country, AgencyType type, AgencyStatus status, List<String> emailDomains) {
	}

	/**
	 * How an officer's email domain compares with their agency's domains: a pre-screen
	 * for the admin, never a grant.
	 */
	enum Prescreen {

		AGENCY_DOMAIN, NOT_AN_AGENCY_DOMAIN

	}

	/**
	 * An account as an admin sees it (never the password hash or the TOTP secret).
	 */
	record AccountView(String id, String username, String email, String displayName, List<String> roles,
			AccountStatus status, String agencyId, String agencyName, Boolean mayFileEmergency, Prescreen prescreen,
			boolean totpEnrolled, Instant lockedUntil, Instant statusChangedAt, String statusChangedBy) {
	}

	/** The officer's permission to file emergency requests. */
	record EmergencyPermission(Boolean mayFileEmergency) {
	}

	@GetMapping("/agencies")
	List<Agency> agencies() {
		return this.agencies.all();
	}

	@GetMapping("/agencies/{id}")
	Agency agency(@PathVariable String id) {
		return this.agencies.byId(id).orElseThrow(() -> new NotFoundException("No agency with this id"));
	}

	/** Whether {@code domain} is one of {@link #WEBMAIL} or under one. */
	static boolean webmail(String domain) {
		return WEBMAIL.stream().anyMatch((w) -> domain.equals(w) || domain.endsWith("." + w));
	}

	/** Enough for any agency's mail domains; keeps the register and each view small. */
	static final int MAX_DOMAINS = 50;

	/**
	 * Public mail services anyone can get an address at: never an agency's domain, since
	 * intake takes a request's contact address only at (or under) its agency's domains.
	 * Not exhaustive: the largest providers, which a mistaken entry is most likely to
	 * name.
	 */
	static final Set<String> WEBMAIL = Set.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.com",
			"hotmail.co.uk", "hotmail.fr", "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com",
			"aol.com", "icloud.com", "me.com", "mac.com", "proton.me", "protonmail.com", "pm.me", "gmx.com", "gmx.de",
			"gmx.net", "web.de", "t-online.de", "mail.com", "mail.ru", "yandex.ru", "yandex.com", "qq.com", "163.com",
			"126.com", "zoho.com", "tutanota.com", "tuta.io", "fastmail.com", "orange.fr", "laposte.net", "free.fr",
			"libero.it", "btinternet.com");

	/**
	 * C0/C1 controls and invisible format characters such as a right-to-left override.
	 */
	private static final java.util.regex.Pattern CONTROL_OR_FORMAT = java.util.regex.Pattern
		.compile("[\\p{Cc}\\p{Cf}]");

	/** No lone UTF-16 surrogate: what is stored is what was sent, after any restart. */
	private static boolean wellFormed(String value) {
		// String.codePoints() joins each surrogate pair into one code point: a surrogate
		// left over is a lone one
		return value.codePoints().noneMatch((cp) -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
	}

	@PostMapping("/agencies")
	ResponseEntity<Agency> register(@RequestBody NewAgency body) {
		List<Violation> violations = new ArrayList<>();
		if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
			violations.add(new Violation("name", "length-1-200", "name is required, at most 200 characters"));
		}
		else if (!wellFormed(body.name())) {
			violations.add(new Violation("name", "unicode",
					"name must be well-formed Unicode text: a lone UTF-16 surrogate (such as \\ud800) is not a character"));
		}
		else if (CONTROL_OR_FORMAT.matcher(body.name()).find()) {
			violations.add(new Violation("name", "no-control-characters",
					"name must not contain control or invisible formatting characters"));
		}
		if (body.country() == null || !COUNTRIES.contains(body.country())) {
			violations.add(new Violation("country", "iso-3166-1-alpha-2",
					"country must be an ISO 3166-1 alpha-2 code, e.g. GB"));
		}
		if (body.type() == null) {
			violations
				.add(new Violation("type", "required", "type is required: one of " + List.of(AgencyType.values())));
		}
		List<String> domains = Optional.ofNullable(body.emailDomains()).orElse(List.of());
		if (domains.isEmpty()) {
			violations.add(new Violation("emailDomains", "min-items",
					"an agency has at least one email domain: intake takes a request's contact address only"
							+ " at the domains of the officer's agency"));
		}
		else if (domains.size() > MAX_DOMAINS) {
			violations.add(new Violation("emailDomains", "max-items",
					"an agency has at most " + MAX_DOMAINS + " email domains"));
			domains = List.of();
		}
		else if (domains.stream().distinct().count() < domains.size()) {
			violations.add(new Violation("emailDomains", "unique-items", "each email domain is listed once"));
		}
		for (int i = 0; i < domains.size(); i++) {
			if (domains.get(i) == null || !DOMAIN.matcher(domains.get(i)).matches()) {
				violations.add(new Violation("emailDomains[" + i + "]", "domain-name",
						"an email domain in lower case, e.g. police.uk"));
			}
			else if (webmail(domains.get(i))) {
				violations.add(new Violation("emailDomains[" + i + "]", "not-webmail",
						"a public mail service (anyone can get an address there) is not an agency's domain"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidInputException(violations);
		}
		Agency agency = this.agencies.add(new Agency(UUID.randomUUID().toString(), body.name().trim(), body.country(),
				body.type(), (body.status() != null) ? body.status() : AgencyStatus.ACTIVE, domains));
		return ResponseEntity.created(URI.create("/api/admin/agencies/" + agency.id())).body(agency);
	}

	@GetMapping("/accounts")
	List<AccountView> accounts(@RequestParam Optional<AccountStatus> status) {
		return this.accounts.all()
			.stream()
			.filter((account) -> status.map(account.status()::equals).orElse(true))
			.map(this::view)
			.toList();
	}

	@GetMapping("/accounts/{id}")
	AccountView account(@PathVariable String id) {
		return view(this.accounts.byId(id).orElseThrow(AccountNotFoundException::new));
	}

	/** {@code PENDING -> VERIFIED}: the admin has checked the officer with the agency. */
	@PostMapping("/accounts/{id}/verification")
	AccountView verify(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
		return view(this.accounts.verify(id, admin.getSubject()));
	}

	/** Bars the account from signing in; tokens already issued run out (15 minutes). */
	@PostMapping("/accounts/{id}/suspension")
	AccountView suspend(@PathVariable String id, @AuthenticationPrincipal Jwt admin) {
		return view(this.accounts.suspend(id, admin.getSubject()));
	}

	@PutMapping("/accounts/{id}/emergency-permission")
	AccountView emergencyPermission(@PathVariable String id, @RequestBody EmergencyPermission body) {
		if (body.mayFileEmergency() == null) {
			throw new InvalidInputException(List
				.of(new Violation("mayFileEmergency", "required", "mayFileEmergency is required: true or false")));
		}
		return view(this.accounts.setMayFileEmergency(id, body.mayFileEmergency()));
	}

	/** Ends a lock-out before it runs out. */
	@PostMapping("/accounts/{id}/unlock")
	AccountView unlock(@PathVariable String id) {
		return view(this.accounts.unlock(id));
	}

	private AccountView view(Account account) {
		Optional<Agency> agency = this.agencies.byId(account.agencyId());
		Prescreen prescreen = !account.officer() ? null
				: agency.filter((a) -> a.domainMatches(account.email())).isPresent() ? Prescreen.AGENCY_DOMAIN
						: Prescreen.NOT_AN_AGENCY_DOMAIN;
		return new AccountView(account.id(), account.username(), account.email(), account.displayName(),
				account.roles().stream().map(Enum::name).sorted().toList(), account.status(), account.agencyId(),
				agency.map(Agency::name).orElse(null), account.officer() ? account.mayFileEmergency() : null, prescreen,
				account.totpEnrolled(), account.lockedUntil(), account.statusChangedAt(), account.statusChangedBy());
	}

}
