package ler.review.cases;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param relayInterval how often unpublished decisions are looked for (after a crash or
 * an outage; normally a decision is published as soon as it is saved)
 * @param publishTimeout the longest one publish may take before the relay tries again
 * later
 */
@ConfigurationProperties("ler.review")
public record ReviewProperties(@DefaultValue("1s") Duration relayInterval,
		@DefaultValue("15s") Duration publishTimeout) {
}
