#!/bin/bash
# Runs beside mongod in every member of the replica set (the sidecar "rs-init").
# On mongo-0 it
#  1. waits until every member answers by its stable DNS name (the headless Service publishes
#     not-ready addresses, so the names resolve before any member is ready);
#  2. initiates the set, unless a member already belongs to one (a mongo-0 restarted on an empty
#     volume then rejoins the set as it is, it does not found a second one);
#  3. creates the root user through the localhost exception, once: mongo-0 is made primary by
#     its priority, and the exception closes as soon as a user exists;
#  4. keeps the services' users in line with their Secrets (users.js), now and every 10 minutes.
# Everything is idempotent: a restart of any container repeats it harmlessly.
# On the other members it only sleeps: a member needs nothing to join an initiated set.
set -u
export HOME=/tmp
log() { echo "$(date -u +%FT%TZ) rs-init: $*"; }
answers() { mongosh --quiet --norc --host "$1" --eval 'db.adminCommand({ping: 1}).ok' 2>/dev/null | grep -qx 1; }
set_name() { mongosh --quiet --norc --host "$1" --eval 'db.hello().setName || ""' 2>/dev/null; }

if [ "${HOSTNAME##*-}" != 0 ]; then
  log "member ${HOSTNAME}: mongo-0 initiates the set and manages users"
  exec sleep infinity
fi

IFS=, read -r -a members <<< "${MONGO_MEMBERS}"
until answers localhost:27017; do sleep 2; done
for member in "${members[@]}"; do
  until answers "$member"; do log "waiting for $member"; sleep 2; done
done

initiated=""
for member in "${members[@]}"; do
  if [ "$(set_name "$member")" = "${MONGO_REPLICA_SET}" ]; then initiated="$member"; fi
done
if [ -z "$initiated" ]; then
  log "initiating ${MONGO_REPLICA_SET} with ${MONGO_MEMBERS}"
  mongosh --quiet --norc --host localhost:27017 --eval '
    const hosts = process.env.MONGO_MEMBERS.split(",");
    const members = hosts.map((host, i) => ({ _id: i, host: host, priority: i === 0 ? 2 : 1 }));
    try {
      rs.initiate({ _id: process.env.MONGO_REPLICA_SET, members: members });
    } catch (e) {
      if (e.codeName !== "AlreadyInitialized") { throw e; }
    }' || { log "initiate failed; the container restarts and tries again"; exit 1; }
else
  log "${initiated} already belongs to ${MONGO_REPLICA_SET}: nothing to initiate"
fi

# mongo-0 has the highest priority: it becomes (or, after catching up, takes over as) primary
until [ "$(mongosh --quiet --norc --host localhost:27017 --eval 'db.hello().isWritablePrimary' 2>/dev/null)" = true ]; do
  log "waiting for mongo-0 to become primary"
  sleep 2
done

# the first user, through the localhost exception; once any user exists the exception is
# closed and createUser answers Unauthorized, which means the root user is there already
mongosh --quiet --norc "mongodb://localhost:27017/admin" --eval '
  try {
    db.createUser({ user: "root", pwd: process.env.MONGO_ROOT_PASSWORD, roles: ["root"] });
    print("root user created");
  } catch (e) {
    // 13 Unauthorized: users exist, the exception is closed; 51003: root exists
    if (e.code !== 13 && e.code !== 51003) { throw e; }
  }' || { log "root user step failed; retrying"; exit 1; }

while true; do
  if mongosh --quiet --norc "mongodb://${MONGO_MEMBERS}/admin?replicaSet=${MONGO_REPLICA_SET}&authSource=admin" \
      -u root -p "${MONGO_ROOT_PASSWORD}" /scripts/users.js; then
    log "service users in line with their Secrets"
  else
    log "service users not updated; next try in 10 minutes"
  fi
  sleep 600
done
