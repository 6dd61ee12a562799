// Kafka security where the system runs its own broker (docker compose and the local overlay):
// SASL/SCRAM-SHA-512 only, the StandardAuthorizer denying whatever no ACL allows, one
// principal per service with production's ACLs, and every password from a secret.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import YAML from 'yaml';
import { podSpec, read, render } from '../lib.mjs';

const services = ['intake-service', 'review-service', 'reporting-service'];
const brokerScriptPath = 'k8s/overlays/local/kafka-broker.sh';
const topicsScriptPath = 'k8s/overlays/local/topics.sh';
const compose = () => YAML.parse(read('docker-compose.yml'), { merge: true });
const env = (container, name) => container.env?.find((e) => e.name === name);

/**
 * What is wrong with a broker start script: a listener other than SASL_PLAINTEXT and the
 * controller's, a PLAINTEXT protocol, a mechanism other than SCRAM-SHA-512 for clients, no
 * authorizer or one that allows what no ACL allows, or security settings that an environment
 * variable could override (they must come after the KAFKA_* variables).
 */
function brokerScriptProblems(script) {
  const problems = [];
  const setting = (key) => [...script.matchAll(new RegExp(`^${key.replace(/\./g, '\\.')}=(.*)$`, 'gm'))].map((m) => m[1]);
  const one = (key, expected) => {
    const values = setting(key);
    if (values.length !== 1 || values[0] !== expected) problems.push(`${key}: ${values.join(' | ') || 'not set'} (expected ${expected})`);
  };
  const listeners = setting('listeners');
  if (listeners.length !== 1 || !/^SASL_PLAINTEXT:\/\/:\$\{port\},CONTROLLER:\/\/:\$\{controller_port\}$/.test(listeners[0] ?? '')) {
    problems.push(`listeners: ${listeners.join(' | ')}`);
  }
  const map = setting('listener.security.protocol.map');
  if (map.length !== 1 || map[0].split(',').some((entry) => !entry.endsWith(':SASL_PLAINTEXT'))) {
    problems.push(`listener.security.protocol.map: ${map.join(' | ')}: a listener without SASL`);
  }
  if (/PLAINTEXT:\/\/|:PLAINTEXT\b/.test(script.replace(/SASL_PLAINTEXT/g, ''))) problems.push('a PLAINTEXT listener');
  one('sasl.enabled.mechanisms', 'SCRAM-SHA-512');
  one('sasl.mechanism.inter.broker.protocol', 'SCRAM-SHA-512');
  one('authorizer.class.name', 'org.apache.kafka.metadata.authorizer.StandardAuthorizer');
  one('allow.everyone.if.no.acl.found', 'false');
  one('super.users', 'User:admin');
  one('auto.create.topics.enable', 'false');
  if (!/--add-scram "SCRAM-SHA-512=\[name=admin,password=\$\{admin\}\]"/.test(script)) {
    problems.push('the admin\'s SCRAM credential is not put into the log when it is formatted');
  }
  if (!/^port="\$\{LER_KAFKA_PORT:-9092\}"$/m.test(script) || !/^controller_port="\$\{LER_KAFKA_CONTROLLER_PORT:-9093\}"$/m.test(script)) {
    problems.push('the ports are not 9092 and 9093 by default (the Services, probes and NetworkPolicies name them)');
  }
  const fromEnvironment = script.indexOf('compgen -e');
  const security = script.indexOf('\nlisteners=');
  if (fromEnvironment < 0 || security < fromEnvironment) problems.push('a KAFKA_* variable could override the security settings');
  if (/password="(?!\$\{admin\})/.test(script)) problems.push('a password written into the script');
  return problems;
}

/** Broker environment variables that would bypass or weaken the script's security settings. */
function brokerEnvironmentProblems(where, entries) {
  const owned = /^KAFKA_(LISTENERS|ADVERTISED_LISTENERS|LISTENER_SECURITY_PROTOCOL_MAP|INTER_BROKER_LISTENER_NAME|CONTROLLER_LISTENER_NAMES|AUTHORIZER_CLASS_NAME|ALLOW_EVERYONE_IF_NO_ACL_FOUND|SUPER_USERS|SASL_.*|LISTENER_NAME_.*)$/;
  return entries.flatMap(([name, value]) => [
    ...(owned.test(name) ? [`${where}: ${name} is kafka-broker.sh's to set`] : []),
    ...(/PLAINTEXT:\/\//.test(String(value).replace(/SASL_PLAINTEXT/g, '')) ? [`${where}: ${name} names a PLAINTEXT listener`] : []),
  ]);
}

test('the broker script: SCRAM-SHA-512 only, no PLAINTEXT listener, the authorizer denies what no ACL allows', () => {
  assert.deepEqual(brokerScriptProblems(read(brokerScriptPath)), []);
});

test('the broker checks can fail', () => {
  const script = read(brokerScriptPath);
  assert.notDeepEqual(brokerScriptProblems(script.replace('listeners=SASL_PLAINTEXT://:${port},', 'listeners=PLAINTEXT://:${port},')), []);
  assert.notDeepEqual(brokerScriptProblems(script.replace('allow.everyone.if.no.acl.found=false', 'allow.everyone.if.no.acl.found=true')), []);
  assert.notDeepEqual(brokerScriptProblems(script.replace(/^authorizer\.class\.name=.*\n/m, '')), []);
  assert.notDeepEqual(brokerScriptProblems(script.replace('CONTROLLER:SASL_PLAINTEXT', 'CONTROLLER:PLAINTEXT')), []);
  assert.notDeepEqual(brokerScriptProblems(script.replace('sasl.enabled.mechanisms=SCRAM-SHA-512', 'sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512')), []);
  assert.notDeepEqual(brokerEnvironmentProblems('x', [['KAFKA_LISTENER_SECURITY_PROTOCOL_MAP', 'CLIENT:PLAINTEXT']]), []);
  assert.notDeepEqual(brokerEnvironmentProblems('x', [['KAFKA_ADVERTISED_LISTENERS', 'PLAINTEXT://kafka:9092']]), []);
});

test('compose: the broker runs the script with its admin password from a secret, reachable only inside', () => {
  const c = compose();
  const kafka = c.services.kafka;
  assert.deepEqual(kafka.entrypoint, ['/bin/bash', '/scripts/kafka-broker.sh']);
  assert.ok(kafka.volumes.includes(`./${brokerScriptPath}:/scripts/kafka-broker.sh:ro`));
  assert.deepEqual(brokerEnvironmentProblems('compose kafka', Object.entries(kafka.environment)), []);
  assert.ok(kafka.secrets.includes('kafka-admin-password'));
  assert.equal(kafka.ports, undefined, 'the broker is published on the host');
  assert.ok((kafka.tmpfs ?? []).some((t) => t.startsWith('/tmp')), 'the configuration (with the password) would land in the container layer');
  assert.match(kafka.healthcheck.test.join(' '), /--command-config \/tmp\/kafka-config\/admin\.properties/);
  const topics = c.services['kafka-topics'];
  assert.ok(topics.volumes.includes(`./${topicsScriptPath}:/scripts/topics.sh:ro`));
  assert.deepEqual([...topics.secrets].sort(), ['kafka-admin-password', ...services.map((s) => `kafka-${s}-password`)].sort());
});

test('compose: each service logs in to Kafka as its own principal, with its password from .env', () => {
  const c = compose();
  for (const name of services) {
    const e = c.services[name].environment;
    assert.equal(e.LER_KAFKA_SECURITY_PROTOCOL, 'SASL_PLAINTEXT', name);
    assert.equal(e.LER_KAFKA_SASL_MECHANISM, 'SCRAM-SHA-512', name);
    assert.equal(e.LER_KAFKA_USERNAME, name);
    const variable = `LER_KAFKA_${name.replace('-service', '').toUpperCase()}_PASSWORD`;
    assert.match(e.LER_KAFKA_PASSWORD, new RegExp(`^\\$\\{${variable}:\\?[^}]+\\}$`), name);
    assert.equal(c.secrets[`kafka-${name}-password`].environment, variable, `${name}: the topics step would set another password`);
  }
});

test('compose: every password and secret comes from a variable that ops/compose-env.sh generates', () => {
  const generated = new Set([...read('ops/compose-env.sh').matchAll(/\b(LER_[A-Z_]+(?:PASSWORD|SECRET))\b/g)].map((m) => m[1]));
  const text = read('docker-compose.yml');
  const required = [...text.matchAll(/\$\{([A-Z_]+):\?/g)].map((m) => m[1]);
  assert.ok(required.length > 0);
  for (const variable of required) assert.ok(generated.has(variable), `${variable} is required but never generated`);
  for (const [name, secret] of Object.entries(compose().secrets)) {
    assert.ok(secret.environment && !secret.file, `secret ${name}: not from the environment (a file in the repository?)`);
    assert.ok(generated.has(secret.environment), `secret ${name}: ${secret.environment} is never generated`);
  }
});

test('local overlay: the brokers run the same script, read-only, with the admin password from a Secret', () => {
  const objects = render('local');
  const set = objects.find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'kafka');
  const spec = podSpec(set);
  const c = spec.containers[0];
  assert.match(c.args.join(' '), /exec \/bin\/bash \/scripts\/kafka-broker\.sh$/);
  assert.deepEqual(brokerEnvironmentProblems('StatefulSet/kafka', c.env.map((e) => [e.name, e.value ?? ''])), []);
  const scripts = spec.volumes.find((v) => v.name === c.volumeMounts.find((m) => m.mountPath === '/scripts').name);
  const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === scripts.configMap.name);
  assert.equal(configMap.data['kafka-broker.sh'], read(brokerScriptPath));
  const secrets = spec.volumes.find((v) => v.name === c.volumeMounts.find((m) => m.mountPath === '/run/secrets').name);
  assert.deepEqual(secrets.projected.sources.map((s) => [s.secret.name, s.secret.items[0].path]), [['kafka-admin', 'kafka-admin-password']]);
  assert.equal(c.securityContext.readOnlyRootFilesystem, true);
});

test('local overlay: the topics Job gets every principal\'s password and is retried, not run once and forgotten', () => {
  const objects = render('local');
  const job = objects.find((o) => o.kind === 'Job' && o.metadata.name === 'kafka-topics');
  const spec = podSpec(job);
  const projected = spec.volumes.find((v) => v.projected).projected.sources.map((s) => s.secret);
  assert.deepEqual(projected.map((s) => s.name).sort(), ['kafka-admin', ...services.map((s) => `kafka-${s}`)].sort());
  for (const s of projected) assert.equal(s.items[0].path, `${s.name}-password`);
  assert.ok(spec.securityContext.fsGroup !== undefined, 'the Secrets (0440) would be unreadable');
  assert.ok(job.spec.backoffLimit >= 3, 'brokers that come up late would fail the Job for good');
  assert.ok(job.spec.ttlSecondsAfterFinished > 0, 'a kept Job never runs again: a new topic or ACL would never be applied');
  assert.equal(spec.restartPolicy, 'OnFailure');
  assert.match(read(topicsScriptPath), /until "\$bin\/kafka-broker-api-versions\.sh" --bootstrap-server "\$bootstrap" --command-config "\$admin"/);
});

test('local overlay: each service logs in as its own principal, its password from its own Secret', () => {
  const objects = render('local');
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('ler-config'));
  assert.equal(config.data.LER_KAFKA_SECURITY_PROTOCOL, 'SASL_PLAINTEXT');
  assert.equal(config.data.LER_KAFKA_SASL_MECHANISM, 'SCRAM-SHA-512');
  for (const name of services) {
    const c = podSpec(objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name)).containers[0];
    assert.equal(env(c, 'LER_KAFKA_USERNAME').value, name);
    assert.deepEqual(env(c, 'LER_KAFKA_PASSWORD').valueFrom.secretKeyRef, { name: `kafka-${name}`, key: 'password' });
  }
  const created = read('ops/k8s/create-secrets.sh');
  assert.match(created, /make kafka-admin password/);
  assert.match(created, /for service in intake-service review-service reporting-service; do\n\s*make "kafka-\$service" password/);
});

/** The ACL table of topics.sh: principal -> sorted "type name pattern operation" lines. */
function scriptAcls() {
  const table = /acls='\n([\s\S]*?)\n'/.exec(read(topicsScriptPath))[1];
  const acls = {};
  for (const line of table.split('\n').filter((l) => l.trim())) {
    const [principal, type, name, pattern, operations] = line.trim().split(/\s+/);
    for (const op of operations.split(',')) (acls[principal] ??= []).push(`${type} ${name} ${pattern} ${op}`);
  }
  return Object.fromEntries(Object.entries(acls).map(([k, v]) => [k, v.sort()]));
}

test('the ACLs the topics step grants are production\'s KafkaUsers\' exactly', () => {
  const production = {};
  for (const user of render('production').filter((o) => o.kind === 'KafkaUser')) {
    production[user.metadata.name] = user.spec.authorization.acls.flatMap((a) => a.operations.map((op) =>
      `${a.resource.type} ${a.resource.name} ${a.resource.patternType === 'prefix' ? 'prefixed' : 'literal'} ${op}`)).sort();
  }
  assert.deepEqual(scriptAcls(), production);
});

/** What in the topics step could show a service's password to another process (ps). */
function passwordArgumentProblems(script) {
  return [
    ...(/--add-config-file "\$scram"/.test(script) ? [] : ['kafka-configs does not read the SCRAM credential from a file']),
    ...(/--add-config\s[^\n]*password/.test(script) ? ['a password is given to kafka-configs as an argument'] : []),
    ...(/^umask 077$/m.test(script) ? [] : ['the credential files are not owner-only (umask 077)']),
  ];
}

test('topics.sh gives each service password to kafka-configs in an owner-only file, never as an argument', () => {
  assert.deepEqual(passwordArgumentProblems(read(topicsScriptPath)), []);
  // the check can fail
  assert.notDeepEqual(passwordArgumentProblems(read(topicsScriptPath)
    .replace('--add-config-file "$scram"', '--add-config "SCRAM-SHA-512=[password=${service_password}]"')), []);
});
