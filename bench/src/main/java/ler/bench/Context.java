package ler.bench;

import ler.localstack.LocalStack;

/**
 * What every measurement works with: the stack under test, its APIs, the broker's plain
 * clients, the options and the memory sampler.
 */
record Context(LocalStack stack, Api api, Broker broker, Options options, Footprint footprint) {

	/** Prints a progress line (the table comes at the end). */
	static void progress(String format, Object... args) {
		System.out.printf("  " + format + "%n", args);
	}

}
