#!/usr/bin/env bash
# Replays the year 2012 (Microsoft's Law Enforcement Requests Report) through the public HTTP
# APIs of a running system (./run.sh), then compares the 2012 transparency report with the plan.
# Options: --scale 1 (0.01..1) --intake URL --review URL --reporting URL --concurrency 24
set -euo pipefail
cd "$(dirname "$0")"
[ -f local-stack/target/local-stack.jar ] || ./mvnw -q -B -DskipTests package
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" ler.localstack.replay.Replay2012 "$@"
