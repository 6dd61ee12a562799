/**
 * The benchmark behind {@code ./bench.sh} (issue 13): starts its own local stack, warms
 * it, runs each measurement with its in-run baseline and writes the table to
 * {@code docs/benchmarks.md}. Entry point: {@link ler.bench.Benchmarks}.
 */
package ler.bench;
