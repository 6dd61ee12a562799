#!/usr/bin/env bash
# Builds what is needed and starts the whole system: a Kafka broker (KRaft), the MongoDB-wire
# store, the identity provider (:9000), intake, review and reporting. Ctrl-C stops everything.
# Needs only a JDK 17+ (./mvnw fetches Maven).
# KAFKA_BOOTSTRAP_SERVERS / MONGODB_URI: use those instead of starting a broker / store.
# Options: --no-build (use the jars as they are); --broker-only (only the secured broker with
# its topics and ACLs, e.g. to restore topics into: docs/backup-restore.md).
set -euo pipefail
cd "$(dirname "$0")"
build=true
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=false; else args+=("$arg"); fi
done
if [ "$build" = true ]; then
  echo "Building (first run downloads dependencies: a few minutes)..."
  ./mvnw -q -B -DskipTests package
fi
exec java -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" ler.localstack.LocalStack ${args[@]+"${args[@]}"}
