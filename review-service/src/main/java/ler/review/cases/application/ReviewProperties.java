package ler.review.cases.application;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param deadlines when counsel's answer is due after a request arrives, per legal
 * process type; {@code DEFAULT} for the rest
 * @param preservationPeriod how long a preservation keeps data (extendable once by as
 * much)
 * @param formalProcessWithin how soon formal legal process must follow an emergency
 * disclosure
 * @param tickInterval how often time-driven moves (expiry, notification, flags) are
 * looked for
 * @param relayInterval how often unpublished events are looked for (after a crash or an
 * outage; normally an event is published as soon as it is saved)
 * @param publishMargin what the relay waits for one publish beyond the producer's own
 * limits ({@code max.block.ms} + {@code delivery.timeout.ms}), so that it never gives up
 * on a record the producer may still deliver; then it tries again later
 */
@ConfigurationProperties("ler.review")
public record ReviewProperties(Map<String, Duration> deadlines, @DefaultValue("90d") Duration preservationPeriod,
		@DefaultValue("14d") Duration formalProcessWithin, @DefaultValue("5s") Duration tickInterval,
		@DefaultValue("1s") Duration relayInterval, @DefaultValue("2s") Duration publishMargin) {

	public ReviewProperties {
		deadlines = (deadlines == null) ? Map.of("EMERGENCY", Duration.ofHours(24), "DEFAULT", Duration.ofDays(30))
				: Map.copyOf(deadlines);
	}

	public Duration deadline(String legalProcess) {
		return this.deadlines.getOrDefault(legalProcess, this.deadlines.getOrDefault("DEFAULT", Duration.ofDays(30)));
	}

}
