package ler.identity.signin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ler.identity.IdentityProperties;
import ler.identity.account.Account;
import ler.identity.account.Accounts;
import ler.identity.account.Role;
import ler.identity.totp.Base32;
import ler.identity.totp.Totp;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in forms: the password form ({@code POST /login} is Spring Security's form
 * login) and the TOTP form that follows it for accounts with a second factor. A wrong
 * TOTP code counts as a failed attempt like a wrong password; a passed one adds
 * {@link AllFactors#TOTP_AUTHORITY} to the session's authentication, renews the session
 * id and returns the person to where they were going (the authorization request).
 * Failures say only that signing in failed, never why.
 */
@Controller
class SignInPages {

	private final Accounts accounts;

	private final Set<Role> totpRequiredRoles;

	private final Clock clock;

	private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

	private final AuthenticationSuccessHandler returnToSavedRequest = new SavedRequestAwareAuthenticationSuccessHandler();

	SignInPages(Accounts accounts, IdentityProperties properties, Clock clock) {
		this.accounts = accounts;
		this.totpRequiredRoles = properties.totpRequiredRoles();
		this.clock = clock;
	}

	@GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String login(@RequestParam Optional<String> error, @RequestParam Optional<String> logout, CsrfToken csrf) {
		String notice = error.isPresent() ? "<p class=\"error\">Signing in failed.</p>"
				: logout.isPresent() ? "<p>Signed out.</p>" : "";
		return Pages.page("Sign in", notice + """
				<form method="post" action="/login">
				<label>Username <input name="username" autocomplete="username" required autofocus></label>
				<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
				%s
				<button type="submit">Sign in</button>
				</form>
				""".formatted(Pages.csrf(csrf)));
	}

	@GetMapping(path = "/login/totp", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String totpForm(@RequestParam Optional<String> error, CsrfToken csrf) {
		String notice = error.isPresent() ? "<p class=\"error\">That code was not accepted.</p>" : "";
		return Pages.page("Second factor",
				notice + """
						<form method="post" action="/login/totp">
						<label>Code from your authenticator app
						<input name="code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" autocomplete="one-time-code" required autofocus></label>
						%s
						<button type="submit">Continue</button>
						</form>
						"""
					.formatted(Pages.csrf(csrf)));
	}

	@PostMapping("/login/totp")
	void totp(@RequestParam(defaultValue = "") String code, HttpServletRequest request, HttpServletResponse response)
			throws IOException, jakarta.servlet.ServletException {
		Authentication current = this.contexts.getContext().getAuthentication();
		if (!(current.getPrincipal() instanceof AccountPrincipal person) || !AllFactors.missingTotp(current)) {
			response.sendRedirect("/");
			return;
		}
		Instant now = this.clock.instant();
		Optional<Account> account = this.accounts.byId(person.id())
			.filter((a) -> this.accounts.signInRefusal(a, this.totpRequiredRoles).isEmpty())
			.filter((a) -> !a.lockedAt(now));
		if (account.isEmpty()) {
			signOut(request, response, current);
			return;
		}
		OptionalLong step = Totp.verify(Base32.decode(account.get().totpSecret()), code.trim(), now,
				account.get().lastTotpStep());
		if (step.isEmpty() || !this.accounts.useTotpStep(person.id(), step.getAsLong())) {
			if (this.accounts.recordFailure(person.id()).lockedAt(now)) {
				signOut(request, response, current);
			}
			else {
				response.sendRedirect("/login/totp?error");
			}
			return;
		}
		this.accounts.recordSignedIn(person.id());
		Authentication full = current.toBuilder()
			.authorities((authorities) -> authorities
				.add(FactorGrantedAuthority.withAuthority(AllFactors.TOTP_AUTHORITY).issuedAt(now).build()))
			.build();
		request.changeSessionId();
		SecurityContext context = this.contexts.createEmptyContext();
		context.setAuthentication(full);
		this.contexts.setContext(context);
		this.repository.saveContext(context, request, response);
		this.returnToSavedRequest.onAuthenticationSuccess(request, response, full);
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	@ResponseBody
	String home(Authentication authentication, CsrfToken csrf) {
		String name = (authentication.getPrincipal() instanceof AccountPrincipal person) ? person.loginName() : "";
		return Pages.page("Signed in", """
				<p>Signed in as %s. This is the identity provider of the law-enforcement requests system;
				sign in to the dashboard from the dashboard.</p>
				<form method="post" action="/logout">%s<button type="submit">Sign out</button></form>
				""".formatted(HtmlUtils.htmlEscape(name), Pages.csrf(csrf)));
	}

	private void signOut(HttpServletRequest request, HttpServletResponse response, Authentication current)
			throws IOException {
		new SecurityContextLogoutHandler().logout(request, response, current);
		response.sendRedirect("/login?error");
	}

}
