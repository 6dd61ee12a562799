package ler.platform.security;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.web.server.ServerWebExchange;

/**
 * 401, 403 and the firewall's 400 as RFC 9457 problem+json, like every other refusal. A
 * 401 carries {@code WWW-Authenticate: Bearer} (RFC 6750 §3), with
 * {@code error="invalid_token"} when a token was sent but refused. Neither says more than
 * which rule failed: no token content is echoed.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	/** 401: no token, or a token that is not a valid access token of the provider. */
	public static ServerAuthenticationEntryPoint unauthenticated() {
		return (exchange, ex) -> {
			boolean tokenSent = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
			String challenge = tokenSent && (ex instanceof OAuth2AuthenticationException)
					? "Bearer error=\"invalid_token\", error_description=\"The access token is invalid or expired\""
					: "Bearer";
			exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
			return write(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required",
					tokenSent ? "The access token is invalid, expired or not an access token of this system's provider."
							: "This route needs a bearer access token from this system's identity provider.",
					ex);
		};
	}

	/** 403: a valid token without a role this route allows. */
	public static ServerAccessDeniedHandler forbidden() {
		return (exchange, ex) -> write(exchange, HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
				"The token's roles do not allow " + exchange.getRequest().getMethod().name() + " on this route.", null);
	}

	/**
	 * 400: the firewall refused the request before any rule was applied (an encoded NUL,
	 * slash or backslash, a {@code ..} segment, a header with control characters). Says
	 * which kind of thing is refused, never what the request held.
	 */
	public static ServerExchangeRejectedHandler rejected() {
		return (exchange, ex) -> write(exchange, HttpStatus.BAD_REQUEST, "rejected-request", "Bad Request",
				"The request was refused before it reached the service: its URL or headers hold characters or sequences that are not allowed (an encoded NUL, slash or backslash, a '..' segment, control characters).",
				null);
	}

	/**
	 * 503 with {@code Retry-After: 5}: the token could not be checked because the
	 * provider's keys could not be fetched (the provider is down or unreachable). Not the
	 * caller's fault, so not a 401; not ours to hide behind a 500.
	 */
	static Mono<Void> providerUnavailable(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
		return write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "provider-unavailable", "Identity provider unavailable",
				"The access token could not be checked: the identity provider's keys are unavailable. Retry later.",
				null);
	}

	private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String title,
			String detail, AuthenticationException cause) {
		if (exchange.getResponse().isCommitted()) {
			return Mono.empty();
		}
		String body = "{\"type\":\"urn:ler:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"instance\":\""
				+ json(exchange.getRequest().getPath().value()) + "\"}";
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

	private static String json(String text) {
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(' ');
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
