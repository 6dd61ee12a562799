package ler.reporting.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ler.platform.security.Caller;
import ler.platform.security.ProblemResponses;
import ler.platform.security.SecurityCustomizer;
import ler.platform.security.SecurityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcReactiveOAuth2UserService;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.ReactiveOAuth2UserService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.logout.DelegatingServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.SecurityContextServerLogoutHandler;
import org.springframework.security.web.server.authentication.logout.WebSessionServerLogoutHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.authorization.ServerWebExchangeDelegatingServerAccessDeniedHandler;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.security.web.server.util.matcher.AndServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.MediaTypeServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;

/**
 * The dashboard signs people in through the identity provider (issue 12), into a
 * server-side session; programs keep using bearer tokens, and both meet the same
 * {@code RouteRules}.
 * <ul>
 * <li>Sign-in: OpenID Connect authorization code with PKCE as the provider's public
 * client {@value #CLIENT_ID} (no secret). The provider's endpoints are derived from
 * {@code ler.security.issuer-uri} (the browser's) and {@code ler.security.jwk-set-uri}
 * (reporting's own calls) and contacted only when someone signs in, so reporting starts
 * before the provider. The ID token's {@code roles} become {@code ROLE_x} authorities, as
 * a bearer token's do.</li>
 * <li>Who gets sent there: a browser asking for a page ({@code Accept: text/html}, no
 * {@code Authorization} header) without a session. Everything else without a token or
 * session gets the platform's 401 problem+json; a signed-in person without the route's
 * role gets 403 (a page for a browser, problem+json otherwise), never the figures.</li>
 * <li>CSRF: an unsafe method on an existing session needs the token from the
 * {@value #CSRF_COOKIE} cookie (header {@code X-XSRF-TOKEN} or form field {@code _csrf}).
 * Bearer requests send no cookie authority and are exempt, and a request without a
 * session has no authority to forge.</li>
 * <li>Sign-out: {@code POST /logout} ends the session and sends the browser to the
 * provider's end-session endpoint (RP-initiated logout), which sends it back to
 * {@link DashboardProperties#postLogoutRedirectUri()}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class DashboardSignIn {

	private static final Logger log = LoggerFactory.getLogger(DashboardSignIn.class);

	/** The provider's public client for the dashboard, and its registration id here. */
	static final String CLIENT_ID = "ler-dashboard";

	/** Where a browser without a session is sent: starts the authorization request. */
	static final String SIGN_IN = "/oauth2/authorization/" + CLIENT_ID;

	/** The cookie the page reads its CSRF token from. */
	static final String CSRF_COOKIE = "XSRF-TOKEN";

	private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
			HttpMethod.TRACE);

	/**
	 * The provider as the dashboard's client sees it: its endpoints under the issuer
	 * (authorize, token, JWKS, userinfo, end-session as Spring Authorization Server
	 * publishes them), no discovery at start.
	 */
	@Bean
	ReactiveClientRegistrationRepository clientRegistrations(SecurityProperties security,
			DashboardProperties dashboard) {
		String issuer = security.issuerUri().toString();
		String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
		String backChannel = backChannel(security, base);
		return new InMemoryReactiveClientRegistrationRepository(ClientRegistration.withRegistrationId(CLIENT_ID)
			.clientId(CLIENT_ID)
			.clientName("Dashboard")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(dashboard.redirectUri())
			.scope(OidcScopes.OPENID, OidcScopes.PROFILE)
			.issuerUri(issuer)
			.authorizationUri(base + "/oauth2/authorize")
			.tokenUri(backChannel + "/oauth2/token")
			.jwkSetUri(security.keys().toString())
			.userInfoUri(backChannel + "/userinfo")
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(Map.of("end_session_endpoint", base + "/connect/logout"))
			.build());
	}

	/**
	 * Where reporting itself calls the provider (token, userinfo): beside its keys when
	 * {@code ler.security.jwk-set-uri} names an in-cluster address ending in
	 * {@code /oauth2/jwks} (compose, k8s: the issuer is the browser's address, not
	 * reachable from inside), else the issuer.
	 */
	static String backChannel(SecurityProperties security, String issuerBase) {
		String keys = security.keys().toString();
		String suffix = "/oauth2/jwks";
		return keys.endsWith(suffix) ? keys.substring(0, keys.length() - suffix.length()) : issuerBase;
	}

	/**
	 * The signed-in person: the provider's ID token (and userinfo), with the ID token's
	 * {@code roles} as {@code ROLE_x} authorities, exactly as for a bearer token.
	 */
	@Bean
	ReactiveOAuth2UserService<OidcUserRequest, OidcUser> dashboardUsers() {
		OidcReactiveOAuth2UserService standard = new OidcReactiveOAuth2UserService();
		return (request) -> standard.loadUser(request)
			.map((user) -> new DefaultOidcUser(authorities(user.getIdToken()), user.getIdToken(), user.getUserInfo(),
					IdTokenClaimNames.SUB));
	}

	/**
	 * {@code ROLE_<name>} for each name in the ID token's {@code roles}; none without.
	 */
	static List<GrantedAuthority> authorities(OidcIdToken idToken) {
		Object roles = idToken.getClaims().get(Caller.ROLES);
		if (!(roles instanceof Collection<?> names)) {
			return List.of();
		}
		return names.stream().map((name) -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name)).toList();
	}

	/**
	 * The platform's chain plus the browser side: session, sign-in, sign-out, CSRF on
	 * sessions, and who gets a sign-in redirect or a page instead of problem+json.
	 */
	@Bean
	SecurityCustomizer dashboardSignInCustomizer(ReactiveClientRegistrationRepository registrations,
			DashboardProperties dashboard) {
		return (http) -> {
			WebSessionServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
			WebSessionServerRequestCache savedRequests = new WebSessionServerRequestCache();
			RedirectServerAuthenticationEntryPoint signIn = new RedirectServerAuthenticationEntryPoint(SIGN_IN);
			signIn.setRequestCache(savedRequests);
			RedirectServerAuthenticationSuccessHandler backToThePage = new RedirectServerAuthenticationSuccessHandler(
					"/");
			backToThePage.setRequestCache(savedRequests);
			OidcClientInitiatedServerLogoutSuccessHandler atTheProvider = new OidcClientInitiatedServerLogoutSuccessHandler(
					registrations);
			atTheProvider.setPostLogoutRedirectUri(dashboard.postLogoutRedirectUri());
			atTheProvider.setLogoutSuccessUrl(URI.create("/"));
			SecurityContextServerLogoutHandler forgetTheContext = new SecurityContextServerLogoutHandler();
			forgetTheContext.setSecurityContextRepository(sessions);
			http.securityContextRepository(sessions)
				.requestCache((cache) -> cache.requestCache(savedRequests))
				.oauth2Login((login) -> login.clientRegistrationRepository(registrations)
					.securityContextRepository(sessions)
					.loginPage(SIGN_IN)
					.authenticationSuccessHandler(backToThePage)
					.authenticationFailureHandler(signInFailed()))
				.logout((logout) -> logout
					.logoutHandler(
							new DelegatingServerLogoutHandler(forgetTheContext, new WebSessionServerLogoutHandler()))
					.logoutSuccessHandler(atTheProvider))
				.csrf((csrf) -> csrf.csrfTokenRepository(CookieServerCsrfTokenRepository.withHttpOnlyFalse())
					.csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
					.requireCsrfProtectionMatcher(DashboardSignIn::unsafeOnASession)
					.accessDeniedHandler(DashboardSignIn::csrfRefused))
				.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(entryPoint(signIn))
					.accessDeniedHandler(denied()));
		};
	}

	/**
	 * Writes the {@value #CSRF_COOKIE} cookie on a browser's page loads (Spring Security
	 * creates the token only when something asks for it), so the page can sign out.
	 */
	@Bean
	WebFilter csrfCookieForPages() {
		return (exchange, chain) -> {
			Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
			if (token == null || !HttpMethod.GET.equals(exchange.getRequest().getMethod()) || bearer(exchange)) {
				return chain.filter(exchange);
			}
			return token.then(chain.filter(exchange));
		};
	}

	private static Mono<ServerWebExchangeMatcher.MatchResult> unsafeOnASession(ServerWebExchange exchange) {
		if (SAFE.contains(exchange.getRequest().getMethod()) || bearer(exchange)) {
			return ServerWebExchangeMatcher.MatchResult.notMatch();
		}
		return exchange.getSession()
			.flatMap((session) -> session.isStarted() ? ServerWebExchangeMatcher.MatchResult.match()
					: ServerWebExchangeMatcher.MatchResult.notMatch());
	}

	private static boolean bearer(ServerWebExchange exchange) {
		return exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
	}

	/** A browser asking for a page, not a program with a token. */
	static ServerWebExchangeMatcher browserPage() {
		MediaTypeServerWebExchangeMatcher html = new MediaTypeServerWebExchangeMatcher(MediaType.TEXT_HTML);
		html.setIgnoredMediaTypes(Set.of(MediaType.ALL));
		return new AndServerWebExchangeMatcher(html, (exchange) -> bearer(exchange)
				? ServerWebExchangeMatcher.MatchResult.notMatch() : ServerWebExchangeMatcher.MatchResult.match());
	}

	private static ServerAuthenticationEntryPoint entryPoint(ServerAuthenticationEntryPoint signIn) {
		DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(
				new DelegatingServerAuthenticationEntryPoint.DelegateEntry(browserPage(), signIn));
		entryPoint.setDefaultEntryPoint(ProblemResponses.unauthenticated());
		return entryPoint;
	}

	private static ServerAccessDeniedHandler denied() {
		ServerWebExchangeDelegatingServerAccessDeniedHandler denied = new ServerWebExchangeDelegatingServerAccessDeniedHandler(
				new ServerWebExchangeDelegatingServerAccessDeniedHandler.DelegateEntry(browserPage(),
						(exchange, ex) -> refusedPage(exchange)));
		denied.setDefaultAccessDeniedHandler(ProblemResponses.forbidden());
		return denied;
	}

	/**
	 * 403 for a signed-in person whose roles do not allow the page: says so, shows who is
	 * signed in and offers to sign out (to sign in as someone else); no figures.
	 */
	private static Mono<Void> refusedPage(ServerWebExchange exchange) {
		Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
		return exchange.getPrincipal()
			.map(DashboardSignIn::nameOf)
			.defaultIfEmpty("")
			.zipWith(token.map(CsrfToken::getToken).defaultIfEmpty(""))
			.flatMap((nameAndToken) -> page(exchange, HttpStatus.FORBIDDEN, "Not allowed",
					"<p>You are signed in as <strong id=\"who\">" + html(nameAndToken.getT1())
							+ "</strong>, but the dashboard is for the EXECUTIVE role, which this account does not have.</p>"
							+ "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\""
							+ html(nameAndToken.getT2())
							+ "\"><button type=\"submit\" id=\"sign-out\">Sign out</button></form>"));
	}

	/** 403 problem+json: an unsafe request on a session without its CSRF token. */
	private static Mono<Void> csrfRefused(ServerWebExchange exchange, AccessDeniedException ex) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		String body = "{\"type\":\"urn:ler:problem:csrf\",\"title\":\"Forbidden\",\"status\":403,"
				+ "\"detail\":\"A request changing something through a signed-in session needs the session's CSRF token "
				+ "(header X-XSRF-TOKEN or form field _csrf, from the XSRF-TOKEN cookie).\"}";
		exchange.getResponse().setStatusCode(HttpStatus.FORBIDDEN);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	/** The provider refused or the code exchange failed: no loop back to the provider. */
	private static ServerAuthenticationFailureHandler signInFailed() {
		return (filterExchange, ex) -> {
			log.info("Dashboard sign-in failed: {}", (ex instanceof OAuth2AuthenticationException oauth)
					? oauth.getError().getErrorCode() : ex.getClass().getSimpleName());
			return page(filterExchange.getExchange(), HttpStatus.UNAUTHORIZED, "Signing in failed",
					"<p>Signing in through the identity provider did not succeed.</p><p><a href=\"/\">Try again</a></p>");
		};
	}

	private static Mono<Void> page(ServerWebExchange exchange, HttpStatus status, String title, String body) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		String page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
				+ "</title></head><body style=\"font-family:system-ui,sans-serif;margin:3em\"><h1>" + title + "</h1>"
				+ body + "</body></html>";
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.parseMediaType("text/html;charset=UTF-8"));
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(page.getBytes(StandardCharsets.UTF_8))));
	}

	/**
	 * The name the dashboard shows: the ID token's {@code preferred_username}, else its
	 * {@code name}, else the subject; for a bearer token its subject (an access token
	 * names no person).
	 */
	static String nameOf(Object principal) {
		if (principal instanceof Authentication authentication
				&& authentication.getPrincipal() instanceof OidcUser user) {
			for (String name : new String[] { user.getPreferredUsername(), user.getFullName() }) {
				if (name != null && !name.isBlank()) {
					return name;
				}
			}
			return user.getSubject();
		}
		return (principal instanceof Authentication authentication) ? authentication.getName() : "";
	}

	private static String html(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
