package ler.reporting.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ler.reporting.statistics.DecisionTime;
import ler.reporting.statistics.Figures;
import ler.reporting.statistics.Period;
import ler.reporting.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks;

import org.springframework.http.codec.ServerSentEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * A client that stops reading holds at most two snapshots, however many changes happen
 * meanwhile, and gets the latest when it reads again.
 */
class SlowSubscriberTest {

	@Test
	void aSlowClientIsSentTheLatestSnapshotNotAQueue() {
		Sinks.Many<LiveFigures.Snapshot> changes = Sinks.many().multicast().directBestEffort();
		LiveFigures live = mock(LiveFigures.class);
		when(live.watch(any())).thenReturn(changes.asFlux());
		LiveController controller = new LiveController(live, Duration.ofHours(1));
		List<String> received = new ArrayList<>();
		BaseSubscriber<ServerSentEvent<Dashboard>> slow = new BaseSubscriber<>() {
			@Override
			protected void hookOnSubscribe(Subscription subscription) {
				request(1);
			}

			@Override
			protected void hookOnNext(ServerSentEvent<Dashboard> event) {
				received.add(event.id());
			}
		};
		controller.stream("all", null).subscribe(slow);

		Dashboard figures = new Dashboard("all", Instant.now(), Statistics.of(Period.ALL, Figures.sum(List.of())),
				List.of(), List.of(), DecisionTime.summarize(java.util.Map.of()));
		for (int i = 0; i < 100_000; i++) {
			// every change is accepted: nothing upstream waits for the slow client
			assertThat(changes.tryEmitNext(new LiveFigures.Snapshot("state-" + i, figures)).isSuccess()).isTrue();
		}
		assertThat(received).containsExactly("state-0");

		slow.request(10);
		assertThat(received).hasSizeLessThanOrEqualTo(3).endsWith("state-99999");
		slow.dispose();
	}

}
