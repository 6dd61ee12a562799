#!/bin/bash
# The admin step of the local KRaft cluster and of docker compose's broker (kafka-broker.sh):
# 1. waits until the brokers answer the admin's SCRAM login (at most LER_KAFKA_WAIT_SECONDS,
#    default 300; then it fails and its Job or compose service is retried or reported);
# 2. declares the event topics and their dead-letter topics: creates a missing one, and sets the
#    topic-level settings on every one of them, also on a topic that a client created first (so
#    "kept forever" never rests on the broker-wide default), then checks them and fails unless
#    each has retention.ms=-1;
# 3. creates each service's SCRAM-SHA-512 principal, or sets its password again from its secret
#    (a rotated password applies on the next run), and grants the ACLs below: the same as the
#    broker of ./run.sh (local-stack's KafkaAccess) and production's KafkaUsers (ops/validate
#    checks that the three agree). No one but the admin may create, alter or delete a topic.
# Idempotent: run it again at any time. Passwords are read from files in LER_KAFKA_SECRETS_DIR
# (default /run/secrets): kafka-admin-password and kafka-<service>-password.
# The same list is declared as Strimzi KafkaTopics in overlays/production (ops/validate checks
# that both lists agree with the services' application.yml).
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS}"
# the image's tools; KAFKA_BIN points elsewhere for a run outside the image
bin="${KAFKA_BIN:-/opt/kafka/bin}"
secrets="${LER_KAFKA_SECRETS_DIR:-/run/secrets}"
# 2 of 3 replicas must acknowledge a write; a single-broker compose stack sets 1
min_isr="${LER_TOPIC_MIN_ISR:-2}"
wait_seconds="${LER_KAFKA_WAIT_SECONDS:-300}"

# principal, resource type, name, pattern type, operations: the least each service needs
acls='
intake-service    topic ler.requests                literal  Write,Read,Describe,DescribeConfigs
intake-service    topic ler.decisions               literal  Read,Describe,DescribeConfigs
intake-service    topic ler.requests.dlq.intake     literal  Write,Describe
intake-service    topic ler.decisions.dlq.intake    literal  Write,Describe
intake-service    group intake-request-view         literal  Read,Describe
intake-service    group intake-decision-view        literal  Read,Describe
review-service    topic ler.requests                literal  Read,Describe,DescribeConfigs
review-service    topic ler.decisions               literal  Write,Describe,DescribeConfigs
review-service    topic ler.requests.dlq.review     literal  Write,Describe
review-service    group review-cases                literal  Read,Describe
reporting-service topic ler.requests                literal  Read,Describe,DescribeConfigs
reporting-service topic ler.decisions               literal  Read,Describe,DescribeConfigs
reporting-service topic ler.requests.dlq.reporting  literal  Read,Write,Describe
reporting-service topic ler.decisions.dlq.reporting literal  Read,Write,Describe
reporting-service group reporting                   prefixed Read,Describe
'

password() { # principal -> its password, from its secret file
  local file="$secrets/kafka-$1-password"
  if [ ! -s "$file" ]; then
    echo "no password for Kafka principal $1 in $file (compose: ops/compose-env.sh; Kubernetes: ops/k8s/create-secrets.sh)" >&2
    exit 1
  fi
  tr -d '\r\n' < "$file"
}

# read up front: a missing secret stops the step here, with its name
admin_password="$(password admin)"
umask 077
admin="$(mktemp)"
scram="$(mktemp)"
trap 'rm -f "$admin" "$scram"' EXIT
cat > "$admin" << CONFIG
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin_password}";
CONFIG

deadline=$((SECONDS + wait_seconds))
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" --command-config "$admin" > /dev/null 2>&1; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "the brokers at $bootstrap did not take the admin's login within ${wait_seconds} s" >&2
    exit 1
  fi
  echo "waiting for the brokers at $bootstrap"
  sleep 3
done

for topic in ${LER_TOPICS}; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --create --if-not-exists --topic "$topic" \
    --partitions "${LER_TOPIC_PARTITIONS}" --replication-factor "${LER_TOPIC_REPLICATION}" \
    --config retention.ms=-1 --config retention.bytes=-1 --config min.insync.replicas="${min_isr}"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter --entity-type topics --entity-name "$topic" \
    --add-config retention.ms=-1,retention.bytes=-1,min.insync.replicas="${min_isr}"
  if ! "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --describe --entity-type topics --entity-name "$topic" \
      | grep -q 'retention.ms=-1'; then
    echo "topic $topic does not keep its events forever" >&2
    exit 1
  fi
  echo "topic $topic: retention.ms=-1, min.insync.replicas=${min_isr}"
done

for service in $(echo "$acls" | awk 'NF { print $1 }' | sort -u); do
  service_password="$(password "$service")"
  # from an owner-only file, not the command line, where any process could read it (ps);
  # a properties file: its value is taken as written, so only a backslash is escaped
  printf 'SCRAM-SHA-512=password=%s\n' "${service_password//\\/\\\\}" > "$scram"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --alter --entity-type users --entity-name "$service" \
    --add-config-file "$scram" > /dev/null
  : > "$scram"
  echo "principal $service: SCRAM-SHA-512"
done
echo "$acls" | while read -r principal type name pattern operations; do
  [ -n "$principal" ] || continue
  args=()
  for operation in ${operations//,/ }; do
    args+=(--operation "$operation")
  done
  "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$admin" --add --allow-principal "User:$principal" \
    --resource-pattern-type "$pattern" "--$type" "$name" "${args[@]}" > /dev/null
  echo "acl: $principal $operations on $type $name ($pattern)"
done
