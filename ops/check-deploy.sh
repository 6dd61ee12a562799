#!/usr/bin/env bash
# Offline checks of the deployment files (no cluster, no Docker): renders every overlay under
# k8s/overlays with kubectl kustomize, validates every object against the Kubernetes, Strimzi
# and Prometheus Operator schemas (and every field against the API's types), validates
# docker-compose.yml against the compose specification, parses the alert rules, and asserts
# the invariants the deployment rests on (ops/validate/test/*.test.mjs).
# Needs kubectl (client only; it renders with its built-in kustomize) and Node.js 20+ with npm;
# the validators come from the project's own ops/validate/package-lock.json (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

if ! command -v kubectl > /dev/null 2>&1; then
  echo "check-deploy: kubectl is not installed; it renders the Kubernetes overlays." >&2
  echo "  Install a kubectl of 1.27 or later (kustomize v5), e.g. from the Kubernetes apt repository" >&2
  echo "  (Debian's own kubernetes-client package is 1.20, too old): see ops/README.md." >&2
  exit 1
fi
if ! command -v node > /dev/null 2>&1 || ! command -v npm > /dev/null 2>&1; then
  # like the browser test's Chromium in .ci/run: Debian's packages, when they are missing
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nodejs npm > /dev/null
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "check-deploy: Node.js $(node --version) is too old; 20 or later is needed." >&2
  exit 1
fi

# install the validators exactly as locked, again only when the lock file changed
if ! cmp -s ops/validate/package-lock.json ops/validate/node_modules/.lock-installed 2> /dev/null; then
  (cd ops/validate && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false)
  cp ops/validate/package-lock.json ops/validate/node_modules/.lock-installed
fi

(cd ops/validate && node --test --test-reporter=spec test/)
echo "check-deploy: every overlay and docker-compose.yml checked in $(( $(date +%s) - started )) s"
