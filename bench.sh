#!/usr/bin/env bash
# The benchmark (issue 13): starts a stack of its own (free ports, a fresh temporary data
# directory; a running ./run.sh is left alone), warms it, measures, prints a markdown table and
# writes it to docs/benchmarks.md with the machine's details. A full run takes hours (a million
# events rebuilt, report and queue at a million requests); --quick is a smoke run of minutes.
# Options: --quick --runs 3 --only 1,2,3,4,5,6 --duration 30 --connections 16,64 --rates 1000,5000
#   --in-flight 256 --freshness-rate 1000 --events 1000000 --levels 10000,100000,1000000
#   --replay-scale 0.1 --replay-concurrency 24 --catch-up-minutes 180 --output docs/benchmarks.md
#   --ids time-ordered (or random: the fast path mints version 4 ids, as before ADR 14)
set -euo pipefail
cd "$(dirname "$0")"
for jar in bench/target/bench.jar local-stack/target/local-stack.jar identity-service/target/identity-service.jar \
    intake-service/target/intake-service.jar review-service/target/review-service.jar \
    reporting-service/target/reporting-service.jar; do
  if [ ! -f "$jar" ]; then
    echo "Building (first run downloads dependencies: a few minutes)..."
    ./mvnw -q -B -DskipTests package
    break
  fi
done
exec java -Xmx1g -cp "bench/target/bench.jar:bench/target/lib/*" ler.bench.Benchmarks "$@"
