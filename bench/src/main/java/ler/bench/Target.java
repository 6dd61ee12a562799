package ler.bench;

import java.util.concurrent.CompletableFuture;

/**
 * One operation a load generator repeats: an HTTP call or a Kafka send.
 */
@FunctionalInterface
interface Target {

	/**
	 * Starts one operation without blocking.
	 * @return completes with true when the operation succeeded (e.g. intake answered 202,
	 * the broker acknowledged), false or exceptionally otherwise
	 */
	CompletableFuture<Boolean> send();

}
