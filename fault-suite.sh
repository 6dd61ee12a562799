#!/usr/bin/env bash
# The fault suite on its own stack (free ports, a fresh data directory): under a steady load it
# kills -9 each service once, fails a reporting instance over to a second one, restarts the
# broker, then prints acknowledged versus counted and exits non-zero unless they match exactly.
# Argument: seconds of load between faults (default 20).
set -euo pipefail
cd "$(dirname "$0")"
[ -f local-stack/target/local-stack.jar ] || ./mvnw -q -B -DskipTests package
exec java -Dler.root=. -cp "local-stack/target/local-stack.jar:local-stack/target/lib/*" ler.localstack.faults.FaultSuite "$@"
