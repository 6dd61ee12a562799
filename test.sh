#!/usr/bin/env bash
# Every test: the deployment files checked offline (rendered overlays, schemas, compose spec,
# alert rules, invariants), then every Maven test (unit and adapter tests in `test`, the
# broker, whole-system, fault and browser tests in `verify`). Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
bash ops/check-deploy.sh
./mvnw -B verify "$@"
