#!/usr/bin/env bash
# Writes .env beside docker-compose.yml with fresh random passwords for MongoDB's root user and
# the service users, and the identity provider's client secrets, unless .env exists already (it is git-ignored: no password is ever
# committed). docker compose reads it by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -e .env ]; then
  echo ".env exists; leaving it as it is"
  exit 0
fi
secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
umask 077
{
  echo "LER_MONGO_ROOT_PASSWORD=$(secret)"
  echo "LER_MONGO_INTAKE_PASSWORD=$(secret)"
  echo "LER_MONGO_REVIEW_PASSWORD=$(secret)"
  echo "LER_MONGO_REPORTING_PASSWORD=$(secret)"
  echo "LER_MONGO_IDENTITY_PASSWORD=$(secret)"
  echo "LER_REPLAY_CLIENT_SECRET=$(secret)"
  echo "LER_OPERATOR_CLIENT_SECRET=$(secret)"
  echo "LER_REPLAY_APPROVER_CLIENT_SECRET=$(secret)"
} > .env
echo "wrote .env (MongoDB passwords for docker compose)"
