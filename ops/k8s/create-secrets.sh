#!/usr/bin/env bash
# Creates the Secrets the Kubernetes manifests reference, with fresh random values, in the
# namespace (default ler), leaving any that exist alone. No secret value is ever in the
# repository; the manifests only name these Secrets:
#   mongo-keyfile            key "keyfile": the replica set members' shared key
#   mongo-admin              key "password": MongoDB's root user (administration only)
#   mongo-intake-service     key "password": intake's user, readWrite on ler_intake only
#   mongo-review-service     key "password": review's user, readWrite on ler_review only
#   mongo-reporting-service  key "password": reporting's user, readWrite on ler_reporting only
#   mongo-identity-service   key "password": the identity provider's user, readWrite on ler_identity only
#   kafka-admin              key "password": the local Kafka's admin (super user; overlays/local only)
#   kafka-intake-service     key "password": intake's Kafka principal (SCRAM-SHA-512; overlays/local;
#   kafka-review-service       production's come from Strimzi's KafkaUsers), and review's and
#   kafka-reporting-service    reporting's
#   ler-identity-signing-key key "signing-key.pem": the identity provider's RSA token-signing key
#   ler-identity-clients     LER_REPLAY_CLIENT_SECRET, LER_OPERATOR_CLIENT_SECRET,
#                            LER_REPLAY_APPROVER_CLIENT_SECRET: client secrets
#   ler-audit-seal           key "secret": what review seals case histories with (HMAC-SHA256,
#                            ADR 17); optional key "previous-secrets" (comma-separated) after a
#                            rotation, so earlier seals still verify
# Not made here: "ler-tls" (the entry point's certificate: cert-manager, or
#   kubectl -n ler create secret tls ler-tls --cert=fullchain.pem --key=privkey.pem),
# and in production the Kafka users' and the cluster CA's Secrets, which Strimzi generates.
# To rotate a service's Kafka password (local overlay): delete its Secret, run this again, run the
# kafka-topics Job again (kubectl apply -k after it has expired) and restart the service.
# To rotate the audit seal secret: put the current "secret" into "previous-secrets" (comma-separated,
# oldest kept as long as histories sealed with it are read), a fresh one into "secret", restart review.
# To rotate a MongoDB password: delete its Secret, run this again, restart the mongo-0 pod's
# rs-init container (it sets the new password) and then the service.
# Usage: ops/k8s/create-secrets.sh [namespace]
set -euo pipefail
ns="${1:-ler}"
command -v kubectl > /dev/null || { echo "kubectl is needed" >&2; exit 1; }
kubectl create namespace "$ns" --dry-run=client -o yaml | kubectl apply -f - > /dev/null
secret() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
make() { # name key value
  if kubectl -n "$ns" get secret "$1" > /dev/null 2>&1; then
    echo "secret $1 exists"
  else
    kubectl -n "$ns" create secret generic "$1" --from-literal="$2=$3" > /dev/null
    echo "secret $1 created"
  fi
}
make mongo-keyfile keyfile "$(head -c 756 /dev/urandom | base64 | tr -d '\n')"
make mongo-admin password "$(secret)"
for service in intake-service review-service reporting-service identity-service; do
  make "mongo-$service" password "$(secret)"
done
# review's audit seal secret (48 hex digits)
make ler-audit-seal secret "$(secret)"
# the local overlay's Kafka: its admin and one principal per service (the kafka-topics Job
# creates the principals from these, or sets a rotated password again when it next runs)
make kafka-admin password "$(secret)"
for service in intake-service review-service reporting-service; do
  make "kafka-$service" password "$(secret)"
done
if kubectl -n "$ns" get secret ler-identity-signing-key > /dev/null 2>&1; then
  echo "secret ler-identity-signing-key exists"
else
  key="$(mktemp)"
  trap 'rm -f "$key"' EXIT
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$key" 2> /dev/null
  kubectl -n "$ns" create secret generic ler-identity-signing-key --from-file=signing-key.pem="$key" > /dev/null
  echo "secret ler-identity-signing-key created"
fi
if kubectl -n "$ns" get secret ler-identity-clients > /dev/null 2>&1; then
  echo "secret ler-identity-clients exists"
else
  kubectl -n "$ns" create secret generic ler-identity-clients --from-literal=LER_REPLAY_CLIENT_SECRET="$(secret)" \
    --from-literal=LER_OPERATOR_CLIENT_SECRET="$(secret)" \
    --from-literal=LER_REPLAY_APPROVER_CLIENT_SECRET="$(secret)" > /dev/null
  echo "secret ler-identity-clients created"
fi
# Prometheus scrapes /actuator/prometheus (OPERATOR only) with ler-operator's token: the same
# client secret, in the shape the PodMonitor's oauth2 section reads
if kubectl -n "$ns" get secret ler-prometheus-client > /dev/null 2>&1; then
  echo "secret ler-prometheus-client exists"
else
  operator_secret="$(kubectl -n "$ns" get secret ler-identity-clients -o jsonpath='{.data.LER_OPERATOR_CLIENT_SECRET}' | base64 -d)"
  kubectl -n "$ns" create secret generic ler-prometheus-client --from-literal=client-id=ler-operator \
    --from-literal=client-secret="$operator_secret" > /dev/null
  echo "secret ler-prometheus-client created"
fi
