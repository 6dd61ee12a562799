#!/bin/bash
# Starts a KRaft node of the apache/kafka image with the security of the broker of ./run.sh
# (local-stack's KafkaAccess) and of production: SASL_PLAINTEXT with SCRAM-SHA-512 only on
# the client port, the admin's PLAIN login on the controller port (a controller cannot read
# SCRAM credentials before its own log), the StandardAuthorizer denying whatever no ACL
# allows, one super user (admin), no topic created by a client. The admin's SCRAM credential
# goes into the metadata log when the log is formatted (kafka-storage format --add-scram); the
# services' principals and their ACLs are added by the topics step (topics.sh).
# Used by the kafka StatefulSet here and by the kafka service of docker-compose.yml.
#
# Settings: every KAFKA_* variable becomes a broker setting, as in the image's own start
# script (KAFKA_LOG_DIRS -> log.dirs; "__" -> "_", "___" -> "-"); the listeners and the
# security settings are this script's. KAFKA_NODE_ID, CLUSTER_ID, KAFKA_LOG_DIRS and
# KAFKA_CONTROLLER_QUORUM_VOTERS are required; LER_KAFKA_ADVERTISED_HOST is the name clients
# reach this node by. The admin's password is read from the file
# $LER_KAFKA_SECRETS_DIR/kafka-admin-password (default /run/secrets: a compose secret or a
# mounted Kubernetes Secret), never from the environment or the repository.
# The configuration, which holds the password, is written owner-only under /tmp (a tmpfs or
# an emptyDir), never into the data volume.
set -euo pipefail
secrets="${LER_KAFKA_SECRETS_DIR:-/run/secrets}"
config="${LER_KAFKA_CONFIG_DIR:-/tmp/kafka-config}"
bin="${KAFKA_BIN:-/opt/kafka/bin}"
: "${KAFKA_NODE_ID:?KAFKA_NODE_ID is not set}" "${CLUSTER_ID:?CLUSTER_ID is not set}"
: "${KAFKA_LOG_DIRS:?KAFKA_LOG_DIRS is not set}" "${KAFKA_CONTROLLER_QUORUM_VOTERS:?KAFKA_CONTROLLER_QUORUM_VOTERS is not set}"
advertised="${LER_KAFKA_ADVERTISED_HOST:-$(hostname)}"
# the client and controller ports (the manifests use the defaults; a test picks free ones)
port="${LER_KAFKA_PORT:-9092}"
controller_port="${LER_KAFKA_CONTROLLER_PORT:-9093}"
if [ ! -s "$secrets/kafka-admin-password" ]; then
  echo "kafka: no admin password in $secrets/kafka-admin-password (compose: ops/compose-env.sh; Kubernetes: ops/k8s/create-secrets.sh)" >&2
  exit 1
fi
admin="$(tr -d '\r\n' < "$secrets/kafka-admin-password")"
case "$admin" in *[\"\\\ ]*)
  echo "kafka: the admin password must not contain quotes, backslashes or spaces (it goes into a JAAS line)" >&2
  exit 1
esac

umask 077
mkdir -p "$config"
# the image's conversion of KAFKA_* variables; these are the JVM's and the scripts', not the broker's
not_settings=" KAFKA_HEAP_OPTS KAFKA_OPTS KAFKA_LOG4J_OPTS KAFKA_JVM_PERFORMANCE_OPTS KAFKA_GC_LOG_OPTS KAFKA_JMX_OPTS KAFKA_JMX_PORT KAFKA_JMX_HOSTNAME KAFKA_DEBUG KAFKA_VERSION KAFKA_BIN KAFKA_LOG4J_ROOT_LOGLEVEL KAFKA_LOG4J_LOGGERS KAFKA_TOOLS_LOG4J_LOGLEVEL "
{
  echo "# written by kafka-broker.sh at start; holds the admin's password: owner-only, never in the volume"
  for name in $(compgen -e | grep '^KAFKA_' | sort); do
    case "$not_settings" in *" $name "*) continue ;; esac
    key="$(echo "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | sed -e 's/___/-/g' -e 's/__/@/g' -e 's/_/./g' -e 's/@/_/g')"
    echo "$key=${!name}"
  done
  cat << EOF
listeners=SASL_PLAINTEXT://:${port},CONTROLLER://:${controller_port}
advertised.listeners=SASL_PLAINTEXT://${advertised}:${port}
listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=SASL_PLAINTEXT
controller.listener.names=CONTROLLER
sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin}";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="${admin}" user_admin="${admin}";
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
allow.everyone.if.no.acl.found=false
super.users=User:admin
auto.create.topics.enable=false
EOF
} > "$config/server.properties"
# the admin's client settings, for the health check and the topics step's tools
cat > "$config/admin.properties" << EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin}";
EOF

# format once, with the admin's SCRAM credential in the log's bootstrap records; a formatted log
# is left alone. A log formatted by an earlier, unsecured version has no credential: refuse it
# with what to do, instead of a broker nobody can log in to.
# (The mark lies beside the log directory, in the same volume: the log manager reads its own.)
log="${KAFKA_LOG_DIRS%%,*}"
marker="$(dirname "$log")/.ler-scram-formatted"
if [ -e "$log/meta.properties" ] && [ ! -e "$marker" ]; then
  echo "kafka: $log was formatted without SASL credentials (before the broker had security)." >&2
  echo "  Keep its events by copying the topics to a fresh volume (docs/backup-restore.md), or start fresh" >&2
  echo "  (docker compose down -v deletes every event). See docs/deploy.md, \"Kafka security\"." >&2
  exit 1
fi
if [ ! -e "$marker" ]; then
  # the one place the admin's password is an argument (visible to ps inside this container for
  # the second the format takes): kafka-storage has no file form of --add-scram
  "$bin/kafka-storage.sh" format --cluster-id "$CLUSTER_ID" --config "$config/server.properties" --ignore-formatted \
    --add-scram "SCRAM-SHA-512=[name=admin,password=${admin}]"
  touch "$marker"
fi
exec "$bin/kafka-server-start.sh" "$config/server.properties"
