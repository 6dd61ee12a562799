#!/bin/bash
# Declares the event topics and their dead-letter topics on the local KRaft cluster: creates a
# missing one, and sets the topic-level settings on every one of them, also on a topic that a
# client created first (so "kept forever" never rests on the broker-wide default). Then checks
# them and fails unless each has retention.ms=-1. Idempotent: run it again at any time.
# Used by the kafka-topics Job here and by the kafka-topics service of docker-compose.yml.
# The same list is declared as Strimzi KafkaTopics in overlays/production (ops/validate checks
# that both lists agree with the services' application.yml).
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP_SERVERS}"
# the image's tools; KAFKA_BIN points elsewhere for a run outside the image
bin="${KAFKA_BIN:-/opt/kafka/bin}"
# 2 of 3 replicas must acknowledge a write; a single-broker compose stack sets 1
min_isr="${LER_TOPIC_MIN_ISR:-2}"
until "$bin/kafka-broker-api-versions.sh" --bootstrap-server "$bootstrap" > /dev/null 2>&1; do
  echo "waiting for the brokers at $bootstrap"
  sleep 3
done
for topic in ${LER_TOPICS}; do
  "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$topic" \
    --partitions "${LER_TOPIC_PARTITIONS}" --replication-factor "${LER_TOPIC_REPLICATION}" \
    --config retention.ms=-1 --config min.insync.replicas="${min_isr}"
  "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --alter --entity-type topics --entity-name "$topic" \
    --add-config retention.ms=-1,min.insync.replicas="${min_isr}"
  if ! "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --describe --entity-type topics --entity-name "$topic" \
      | grep -q 'retention.ms=-1'; then
    echo "topic $topic does not keep its events forever" >&2
    exit 1
  fi
  echo "topic $topic: retention.ms=-1, min.insync.replicas=${min_isr}"
done
