#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with fresh random passwords: MongoDB's root user and
# the service users, the Kafka admin and one Kafka principal per service (SCRAM-SHA-512), and
# the identity provider's client secrets, and review's audit seal secret (ADR 17). An existing .env is kept; only the variables it lacks
# are added (so a .env from before a new secret gets that secret, and nothing else changes).
# .env is git-ignored and owner-only: no password is ever committed. docker compose reads it
# by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
umask 077
touch .env
chmod 600 .env
# a last line without its newline would run into the first one added
if [ -s .env ] && [ -n "$(tail -c 1 .env)" ]; then echo >> .env; fi
added=0
for name in LER_MONGO_ROOT_PASSWORD LER_MONGO_INTAKE_PASSWORD LER_MONGO_REVIEW_PASSWORD \
  LER_MONGO_REPORTING_PASSWORD LER_MONGO_IDENTITY_PASSWORD \
  LER_KAFKA_ADMIN_PASSWORD LER_KAFKA_INTAKE_PASSWORD LER_KAFKA_REVIEW_PASSWORD LER_KAFKA_REPORTING_PASSWORD \
  LER_REPLAY_CLIENT_SECRET LER_OPERATOR_CLIENT_SECRET LER_REPLAY_APPROVER_CLIENT_SECRET \
  LER_AUDIT_SEAL_SECRET; do
  if ! grep -q "^${name}=" .env; then
    echo "${name}=$(secret)" >> .env
    added=$((added + 1))
  fi
done
echo ".env: ${added} secret(s) added (passwords for docker compose; never committed)"
