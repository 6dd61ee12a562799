package ler.intake.request;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services the reporting entities a request may concern (e.g. a separately
 * reported subsidiary such as {@code skype})
 * @param idempotencyRetention how long an {@code Idempotency-Key} is honoured
 * @param publishTimeout the longest a submitter waits for the broker's acknowledgement
 * @param clockSkew how far in the future a {@code receivedAt} may be before it is refused
 */
@ConfigurationProperties("ler.intake")
public record IntakeProperties(@DefaultValue( {
		"consumer", "skype" }) List<String> services, @DefaultValue("48h") Duration idempotencyRetention,
		@DefaultValue("15s") Duration publishTimeout, @DefaultValue("5m") Duration clockSkew){
}
