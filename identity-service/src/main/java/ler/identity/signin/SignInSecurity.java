package ler.identity.signin;

import ler.identity.IdentityProperties;
import ler.identity.account.Accounts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/**
 * The browser side of the provider: the sign-in forms and everything that is neither a
 * protocol endpoint nor the API. Every page but the forms needs every factor the account
 * has ({@link AllFactors}).
 */
@Configuration(proxyBeanMethods = false)
public class SignInSecurity {

	/**
	 * Checks the password step and the client secrets: {@code {bcrypt}...} and friends.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	UserDetailsService accountUserDetailsService(Accounts accounts, IdentityProperties properties) {
		return new AccountUserDetailsService(accounts, properties.totpRequiredRoles());
	}

	/** The rule in front of the authorization endpoint and every page. */
	@Bean
	public AllFactors allFactors() {
		return new AllFactors();
	}

	@Bean
	@Order(3)
	SecurityFilterChain signInChain(HttpSecurity http, AllFactors allFactors, Accounts accounts) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/login", "/error", "/favicon.ico")
			.permitAll()
			.requestMatchers("/login/totp")
			.hasAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
			.anyRequest()
			.access(allFactors))
			.formLogin((form) -> form.loginPage("/login")
				.successHandler(afterPassword(accounts))
				.failureHandler(failedPassword(accounts)))
			.exceptionHandling((exceptions) -> exceptions.defaultDeniedHandlerForMissingAuthority(
					new LoginUrlAuthenticationEntryPoint("/login/totp"), AllFactors.TOTP_AUTHORITY));
		return http.build();
	}

	/**
	 * A passed password completes the sign-in of an account without a second factor (its
	 * failure count starts again); otherwise the TOTP form comes next.
	 */
	private static AuthenticationSuccessHandler afterPassword(Accounts accounts) {
		SavedRequestAwareAuthenticationSuccessHandler returnToSavedRequest = new SavedRequestAwareAuthenticationSuccessHandler();
		return (request, response, authentication) -> {
			if (authentication.getPrincipal() instanceof AccountPrincipal person && !person.totpRequired()) {
				accounts.recordSignedIn(person.id());
			}
			returnToSavedRequest.onAuthenticationSuccess(request, response, authentication);
		};
	}

	/**
	 * A wrong password counts towards the lock-out; a refused account (disabled, locked)
	 * does not count again. The page says only that signing in failed.
	 */
	private static AuthenticationFailureHandler failedPassword(Accounts accounts) {
		return (request, response, exception) -> {
			if (exception instanceof BadCredentialsException) {
				accounts.byUsername(request.getParameter("username"))
					.ifPresent((account) -> accounts.recordFailure(account.id()));
			}
			response.sendRedirect("/login?error");
		};
	}

}
