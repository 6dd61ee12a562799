#!/usr/bin/env bash
# Copies the event and dead-letter topics partition by partition, in offset order, into the
# same partition numbers, with keys, values, headers and timestamps: broker to broker, broker
# to a backup file, or a backup file to a broker; then checks every partition's record count.
# docs/backup-restore.md has the commands. Relative paths are taken from where it is run.
#   scripts/copy-topics.sh FROM TO [--topics a,b]
#     FROM: --from-data-dir DIR | --from BOOTSTRAP [--from-config FILE] | --from-file FILE
#     TO:   --to-data-dir DIR   | --to BOOTSTRAP [--to-config FILE]     | --to-file FILE
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$root/local-stack/target/local-stack.jar" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl local-stack -am)
fi
exec java -cp "$root/local-stack/target/local-stack.jar:$root/local-stack/target/lib/*" \
  ler.localstack.restore.TopicCopy "$@"
