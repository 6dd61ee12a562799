package ler.reporting.live;

import java.time.Duration;

import ler.reporting.statistics.Period;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class LiveController {

	/** How long a browser waits before reconnecting after the stream broke. */
	static final Duration RECONNECT = Duration.ofSeconds(2);

	private final LiveFigures live;

	private final Duration heartbeat;

	LiveController(LiveFigures live, @Value("${ler.reporting.live.heartbeat:15s}") Duration heartbeat) {
		this.live = live;
		this.heartbeat = heartbeat;
	}

	/**
	 * The dashboard's figures as server-sent events: the current snapshot on connect, a
	 * new one within a second of every change, a comment line as heartbeat. Each event's
	 * id names the state it shows, the same on every instance; a client reconnecting with
	 * {@code Last-Event-ID} gets the current snapshot only if it differs from the one it
	 * had, and since each snapshot is complete, nothing is missed in between. A slow
	 * client holds at most two pending snapshots, then gets the latest: never a queue.
	 * @param period {@code all} (default), a year such as {@code 2012}, or a half-year
	 * such as {@code 2012-H1}
	 */
	@GetMapping(path = "/api/statistics/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Dashboard>> stream(@RequestParam(defaultValue = "all") String period,
			@RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
		Period parsed = Period.require(period);
		Flux<ServerSentEvent<Dashboard>> snapshots = this.live.watch(parsed)
			.onBackpressureLatest()
			.skipWhile((snapshot) -> snapshot.id().equals(lastEventId))
			.map((snapshot) -> ServerSentEvent.builder(snapshot.dashboard())
				.id(snapshot.id())
				.event("figures")
				.retry(RECONNECT)
				.build());
		Flux<ServerSentEvent<Dashboard>> heartbeats = Flux.interval(this.heartbeat, this.heartbeat)
			.onBackpressureDrop()
			.map((beat) -> ServerSentEvent.<Dashboard>builder().comment("heartbeat").build());
		return Flux.merge(1, snapshots, heartbeats);
	}

}
