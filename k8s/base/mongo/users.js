// The services' MongoDB users: one per service database, readWrite on that database and
// nothing else (no cluster, admin or other-database roles).
// Idempotent: creates a missing user, otherwise sets its password and roles again from the
// environment (the Kubernetes Secrets, or compose's .env), so a rotated password is applied.
// Runs in mongosh connected as an administrator: from the replica set's rs-init sidecar in
// Kubernetes, and from /docker-entrypoint-initdb.d in docker compose.
const services = [
  { user: 'intake-service', db: 'ler_intake', env: 'MONGO_INTAKE_PASSWORD' },
  { user: 'review-service', db: 'ler_review', env: 'MONGO_REVIEW_PASSWORD' },
  { user: 'reporting-service', db: 'ler_reporting', env: 'MONGO_REPORTING_PASSWORD' },
  { user: 'identity-service', db: 'ler_identity', env: 'MONGO_IDENTITY_PASSWORD' },
];
for (const service of services) {
  const pwd = process.env[service.env];
  if (!pwd) {
    throw new Error(`${service.env} is not set: no password for ${service.user}`);
  }
  const database = db.getSiblingDB(service.db);
  const roles = [{ role: 'readWrite', db: service.db }];
  if (database.getUser(service.user) === null) {
    database.createUser({ user: service.user, pwd: pwd, roles: roles });
    print(`created ${service.user} on ${service.db}`);
  } else {
    database.updateUser(service.user, { pwd: pwd, roles: roles });
    print(`updated ${service.user} on ${service.db}`);
  }
}
