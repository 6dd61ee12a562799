package ler.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The limits on a request's line and headers, answered like every other refusal: RFC 9457
 * problem+json naming the limit, in every service. The HTTP server's own limits, which
 * answer with an empty body, are set four times higher in each service's
 * {@code application.yml} ({@code server.netty.max-initial-line-length},
 * {@code server.max-http-request-header-size}), so that only a request far beyond these
 * ever meets them:
 * <ul>
 * <li>the URI (path and query) at most {@value #MAX_URI} characters: 414;</li>
 * <li>the header section at most {@value #MAX_HEADER_BYTES} bytes: 431.</li>
 * </ul>
 * Body limits are the codecs' ({@code spring.http.codecs.max-in-memory-size}), the
 * multipart reader's and a service's own (e.g. intake's document size); each refusal is a
 * 413 problem naming its limit.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
public class RequestLimitsAutoConfiguration {

	static final int MAX_URI = 4096;

	static final int MAX_HEADER_BYTES = 16 * 1024;

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter requestLineAndHeaderLimits() {
		return this::filter;
	}

	private Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		ServerHttpRequest request = exchange.getRequest();
		int uri = request.getURI().getRawPath().length()
				+ ((request.getURI().getRawQuery() == null) ? 0 : request.getURI().getRawQuery().length() + 1);
		if (uri > MAX_URI) {
			return refuse(exchange, HttpStatus.URI_TOO_LONG, "uri-too-long", "URI too long",
					"The URI (path and query) is longer than " + MAX_URI + " characters.");
		}
		if (headerBytes(request.getHeaders()) > MAX_HEADER_BYTES) {
			return refuse(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large",
					"Request headers too large", "The request's headers exceed " + MAX_HEADER_BYTES + " bytes.");
		}
		return chain.filter(exchange).onErrorResume((ex) -> !exchange.getResponse().isCommitted(), (ex) -> {
			// the multipart reader's limits fail outside the handler methods, where the
			// problem handler does not see them
			Throwable cause = ex;
			while (cause != null && !(cause instanceof DataBufferLimitException)
					&& !(cause instanceof DecodingException)) {
				cause = cause.getCause();
			}
			if (cause instanceof DataBufferLimitException limit) {
				return refuse(exchange, HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request too large",
						"The request exceeds a size limit of this API (" + limit.getMessage() + ").");
			}
			if (cause instanceof DecodingException decoding) {
				return refuse(exchange, HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
						"The body could not be read: " + decoding.getMessage());
			}
			return Mono.error(ex);
		});
	}

	private static long headerBytes(HttpHeaders headers) {
		long bytes = 0;
		for (Map.Entry<String, List<String>> header : headers.headerSet()) {
			for (String value : header.getValue()) {
				// name, ": ", value, CRLF
				bytes += header.getKey().length() + 4 + value.getBytes(StandardCharsets.UTF_8).length;
			}
		}
		return bytes;
	}

	private static Mono<Void> refuse(ServerWebExchange exchange, HttpStatus status, String type, String title,
			String message) {
		String detail = message.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\x00-\\x1f]", " ");
		String body = "{\"type\":\"urn:ler:problem:" + type + "\",\"title\":\"" + title + "\",\"status\":"
				+ status.value() + ",\"detail\":\"" + detail + "\",\"errors\":[{\"field\":\"\",\"rule\":\"max-size\","
				+ "\"message\":\"" + detail + "\"}]}";
		exchange.getResponse().setStatusCode(status);
		exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return exchange.getResponse()
			.writeWith(Mono.just(exchange.getResponse().bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
	}

}
