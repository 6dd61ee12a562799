package ler.platform.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request on a kept-alive HTTP/1.1 connection is answered by the server every
 * service runs on (Spring Boot's Reactor Netty server), as a browser uses it: the next
 * request goes out as soon as the previous answer is in, possibly before the server has
 * finished with that exchange.
 * <p>
 * Reactor Netty 1.3.6 (Spring Boot 4.0.7's) and 1.3.7 stopped reading such a connection
 * when a request queued behind an unfinished exchange was answered at once: the request
 * after it was never read until the client gave up and closed the connection. A
 * signing-in browser met it on the dashboard (the answer creating the session comes from
 * another thread, the next redirect at once), and the sign-in's callback hung; the root
 * pom takes Reactor Netty 1.3.8, which reads on.
 */
class KeptAliveConnectionsTest {

	/** Long enough for any answer of this server; the bug never answers. */
	private static final int ANSWER_WITHIN_MILLIS = 5000;

	private WebServer server;

	@BeforeEach
	void start() {
		// "/later" answers from another thread, as a new session is created; the rest at
		// once, on the connection's own thread
		HttpHandler handler = (request, response) -> {
			response.setStatusCode(HttpStatus.OK);
			Mono<Void> answer = response.writeWith(
					Mono.fromSupplier(() -> response.bufferFactory().wrap("ok".getBytes(StandardCharsets.US_ASCII))));
			return request.getURI().getPath().equals("/later") ? Mono.delay(Duration.ofMillis(20)).then(answer)
					: answer;
		};
		this.server = new NettyReactiveWebServerFactory(0).getWebServer(handler);
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop();
	}

	@Test
	void aRequestQueuedBehindAnUnfinishedExchangeDoesNotStopTheConnectionReading() throws IOException {
		try (Socket connection = connect()) {
			// the second request is in before the first is answered: it waits its turn
			send(connection, "/later", "/at-once");
			assertThat(answer(connection)).as("first answer").isTrue();
			assertThat(answer(connection)).as("second answer").isTrue();
			send(connection, "/at-once");
			assertThat(answer(connection)).as("the next request on the same connection is answered").isTrue();
		}
	}

	@Test
	void aBrowsersNextRequestRightAfterTheAnswerIsAlwaysAnswered() throws IOException {
		// whether the next request meets the exchange still finishing is a race: repeated
		for (int i = 0; i < 50; i++) {
			try (Socket connection = connect()) {
				send(connection, "/later");
				assertThat(answer(connection)).isTrue();
				send(connection, "/at-once");
				assertThat(answer(connection)).isTrue();
				send(connection, "/at-once");
				assertThat(answer(connection)).as("third request of connection %d", i).isTrue();
			}
		}
	}

	private Socket connect() throws IOException {
		Socket connection = new Socket("127.0.0.1", this.server.getPort());
		connection.setSoTimeout(ANSWER_WITHIN_MILLIS);
		return connection;
	}

	private static void send(Socket connection, String... paths) throws IOException {
		StringBuilder requests = new StringBuilder();
		for (String path : paths) {
			requests.append("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n\r\n");
		}
		OutputStream out = connection.getOutputStream();
		out.write(requests.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * Reads one answer (head and its {@code Content-Length} body).
	 * @return whether a {@code 200} came before the timeout
	 */
	private static boolean answer(Socket connection) throws IOException {
		InputStream in = connection.getInputStream();
		StringBuilder head = new StringBuilder();
		try {
			while (head.indexOf("\r\n\r\n") < 0) {
				int next = in.read();
				if (next < 0) {
					throw new EOFException("connection closed after: " + head);
				}
				head.append((char) next);
			}
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		int length = 0;
		for (String line : head.toString().split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				length = Integer.parseInt(line.substring("content-length:".length()).trim());
			}
		}
		in.readNBytes(length);
		return head.toString().startsWith("HTTP/1.1 200");
	}

}
