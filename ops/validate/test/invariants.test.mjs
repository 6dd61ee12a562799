// What the deployment rests on, asserted on the rendered objects (and docker-compose.yml):
// each check names the trap or the rule it guards against.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import YAML from 'yaml';
import { bytes, overlays, podSpec, read, readYaml, render, root } from '../lib.mjs';

const services = ['intake-service', 'review-service', 'reporting-service'];
const compose = () => YAML.parse(read('docker-compose.yml'), { merge: true });

/**
 * Measured on the 2-core machine (shared/INFRA.md, 2026-11-26): a Boot 4 WebFlux + stream-kafka
 * + reactive Mongo service at rest has an RSS of 340-370 MB, and 270-290 MB with -Xmx256m, so
 * its non-heap is at most 290 MB; reporting reached 563 MB under load. The identity provider
 * has no measurement of its own yet: the same figures as a minimal Boot service apply.
 */
const MB = 1e6;
const measured = {
  nonHeap: 290 * MB,
  peakRss: { 'intake-service': 370 * MB, 'review-service': 370 * MB, 'reporting-service': 563 * MB, 'identity-service': 370 * MB },
  restingRss: 370 * MB,
};

/**
 * Containers allowed a writable root filesystem, and why. None: the local Kafka brokers start
 * through kafka-broker.sh, which writes their configuration to /tmp (the image's own start
 * script would write it under /opt/kafka).
 */
const writableRoot = {};

const workloads = (objects) => objects.filter((o) => ['Deployment', 'StatefulSet'].includes(o.kind));
const allPods = (objects) => objects.filter((o) => podSpec(o));
const containersOf = (spec) => [...(spec.initContainers ?? []), ...spec.containers];
const env = (container, name) => container.env?.find((e) => e.name === name);
const labelsMatch = (selector, labels) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  && (selector.matchExpressions ?? []).every((e) => (e.operator === 'In' ? e.values.includes(labels[e.key]) : true));
const serviceApplicationYml = (service) => readYaml(`${service}/src/main/resources/application.yml`);

for (const overlay of overlays) {
  const objects = () => render(overlay);

  test(`${overlay}: the namespace enforces the restricted Pod Security Standard`, () => {
    const ns = objects().find((o) => o.kind === 'Namespace');
    assert.equal(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
    for (const o of objects().filter((x) => x.metadata.namespace !== undefined)) {
      assert.equal(o.metadata.namespace, ns.metadata.name, `${o.kind}/${o.metadata.name}`);
    }
  });

  test(`${overlay}: every StatefulSet's headless Service publishes not-ready addresses`, () => {
    const sets = objects().filter((o) => o.kind === 'StatefulSet');
    assert.ok(sets.length >= 1);
    for (const set of sets) {
      const service = objects().find((o) => o.kind === 'Service' && o.metadata.name === set.spec.serviceName);
      assert.ok(service, `StatefulSet/${set.metadata.name}: no Service ${set.spec.serviceName}`);
      assert.equal(service.spec.clusterIP, 'None', `Service/${service.metadata.name} is not headless`);
      assert.equal(service.spec.publishNotReadyAddresses, true,
        `Service/${service.metadata.name}: members resolve each other only when ready: no quorum, no replica set`);
      assert.ok(labelsMatch({ matchLabels: service.spec.selector }, set.spec.template.metadata.labels));
    }
  });

  test(`${overlay}: data directories are subdirectories of their volumes, which the pod's group may write`, () => {
    for (const set of objects().filter((o) => o.kind === 'StatefulSet')) {
      const spec = set.spec.template.spec;
      const claims = (set.spec.volumeClaimTemplates ?? []).map((c) => c.metadata.name);
      assert.ok(spec.securityContext?.fsGroup !== undefined, `StatefulSet/${set.metadata.name}: no fsGroup: a non-root image cannot write its volume`);
      for (const container of spec.containers) {
        for (const mount of (container.volumeMounts ?? []).filter((m) => claims.includes(m.name))) {
          const command = [...(container.command ?? []), ...(container.args ?? [])].join(' ');
          const dirs = [
            ...(env(container, 'KAFKA_LOG_DIRS')?.value?.split(',') ?? []),
            ...[...command.matchAll(/--dbpath\s+(\S+)/g)].map((m) => m[1]),
          ];
          assert.ok(dirs.length > 0, `StatefulSet/${set.metadata.name}/${container.name}: no known data directory setting for volume ${mount.name}`);
          for (const dir of dirs) {
            assert.ok(dir.startsWith(`${mount.mountPath}/`) && dir.length > mount.mountPath.length + 1,
              `${container.name}: data directory ${dir} is not a subdirectory of the volume at ${mount.mountPath} (lost+found)`);
          }
        }
      }
    }
  });

  test(`${overlay}: every Kafka broker container sets KAFKA_LOG_DIRS (else the image logs to /tmp/kafka-logs)`, () => {
    for (const o of allPods(objects())) {
      for (const c of containersOf(podSpec(o)).filter((x) => env(x, 'KAFKA_PROCESS_ROLES'))) {
        assert.ok(env(c, 'KAFKA_LOG_DIRS')?.value, `${o.kind}/${o.metadata.name}/${c.name}`);
        assert.equal(podSpec(o).enableServiceLinks, false,
          `${o.kind}/${o.metadata.name}: a Service named kafka injects KAFKA_PORT=tcp://..., which the image reads as a setting`);
      }
    }
  });

  test(`${overlay}: every container passes the restricted Pod Security Standard`, () => {
    const problems = [];
    for (const o of allPods(objects())) {
      const spec = podSpec(o);
      const pod = spec.securityContext ?? {};
      for (const flag of ['hostNetwork', 'hostPID', 'hostIPC']) {
        if (spec[flag]) problems.push(`${o.kind}/${o.metadata.name}: ${flag}`);
      }
      for (const v of spec.volumes ?? []) {
        if (v.hostPath) problems.push(`${o.kind}/${o.metadata.name}: hostPath volume ${v.name}`);
      }
      for (const c of containersOf(spec)) {
        const where = `${o.kind}/${o.metadata.name}/${c.name}`;
        const sc = c.securityContext ?? {};
        if ((sc.runAsNonRoot ?? pod.runAsNonRoot) !== true) problems.push(`${where}: runAsNonRoot`);
        if ((sc.runAsUser ?? pod.runAsUser) === 0) problems.push(`${where}: runs as uid 0`);
        const seccomp = (sc.seccompProfile ?? pod.seccompProfile)?.type;
        if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) problems.push(`${where}: seccompProfile ${seccomp}`);
        if (sc.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation`);
        if (sc.privileged) problems.push(`${where}: privileged`);
        if (!sc.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities not dropped`);
        if ((sc.capabilities?.add ?? []).some((cap) => cap !== 'NET_BIND_SERVICE')) problems.push(`${where}: capabilities added`);
        if ((c.ports ?? []).some((p) => p.hostPort)) problems.push(`${where}: hostPort`);
        const key = `${o.kind}/${o.metadata.name}/${c.name}`;
        if (sc.readOnlyRootFilesystem !== true && !writableRoot[key]) problems.push(`${where}: writable root filesystem`);
        if (sc.readOnlyRootFilesystem === true && !(c.volumeMounts ?? []).some((m) => m.mountPath === '/tmp')) {
          problems.push(`${where}: read-only root filesystem without a writable /tmp`);
        }
      }
      if (spec.automountServiceAccountToken !== false) problems.push(`${o.kind}/${o.metadata.name}: mounts a service account token it never uses`);
    }
    assert.deepEqual(problems, []);
  });

  test(`${overlay}: every workload has a disruption budget and spreads over nodes and zones`, () => {
    const budgets = objects().filter((o) => o.kind === 'PodDisruptionBudget');
    for (const w of workloads(objects())) {
      const labels = w.spec.template.metadata.labels;
      const pdb = budgets.filter((b) => labelsMatch(b.spec.selector, labels));
      assert.equal(pdb.length, 1, `${w.kind}/${w.metadata.name}: ${pdb.length} PodDisruptionBudgets`);
      const keys = (w.spec.template.spec.topologySpreadConstraints ?? []).map((t) => t.topologyKey);
      assert.ok(keys.includes('kubernetes.io/hostname') && keys.includes('topology.kubernetes.io/zone'), `${w.kind}/${w.metadata.name}: spread ${keys}`);
    }
  });

  test(`${overlay}: probes point at the actuator's probe paths on the port the service listens on`, (t) => {
    for (const name of [...services, 'identity-service']) {
      const d = objects().find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      const c = d.spec.template.spec.containers[0];
      const port = Number(env(c, 'PORT')?.value);
      const named = Object.fromEntries((c.ports ?? []).map((p) => [p.name, p.containerPort]));
      for (const [probe, path] of [['livenessProbe', '/actuator/health/liveness'], ['readinessProbe', '/actuator/health/readiness'], ['startupProbe', '/actuator/health/liveness']]) {
        const get = c[probe]?.httpGet;
        assert.ok(get, `${name}: no ${probe}`);
        assert.equal(get.path, path, `${name}: ${probe}`);
        assert.equal(named[get.port] ?? get.port, port, `${name}: ${probe} port is not the server port ${port}`);
      }
      const service = objects().find((o) => o.kind === 'Service' && o.metadata.name === name);
      assert.equal(named[service.spec.ports[0].targetPort] ?? service.spec.ports[0].targetPort, port);
      if (!services.includes(name)) {
        t.diagnostic(`${name}: its module is not on this branch; its application.yml is checked where it exists`);
        continue;
      }
      // the service serves the actuator on its server port, taken from PORT, with probes on
      const yml = serviceApplicationYml(name);
      assert.match(String(yml.server.port), /^\$\{PORT:\d+\}$/, `${name}: server.port`);
      assert.equal(yml.management.server?.port, undefined, `${name}: a separate management port`);
      assert.equal(yml.management.endpoint.health.probes.enabled, true, `${name}: health probes`);
      assert.match(yml.management.endpoints.web.exposure.include, /\bhealth\b/);
    }
  });

  test(`${overlay}: memory limits cover the heap plus measured non-heap, and exceed measured use`, () => {
    for (const name of [...services, 'identity-service']) {
      const d = objects().find((o) => o.kind === 'Deployment' && o.metadata.name === name);
      const c = d.spec.template.spec.containers[0];
      const limit = bytes(c.resources.limits.memory);
      const request = bytes(c.resources.requests.memory);
      const percent = Number(/-XX:MaxRAMPercentage=(\d+(?:\.\d+)?)/.exec(env(c, 'JAVA_TOOL_OPTIONS')?.value ?? '')?.[1]);
      assert.ok(percent > 0, `${name}: heap not sized by MaxRAMPercentage in JAVA_TOOL_OPTIONS`);
      // a heap flag on the command line would win over JAVA_TOOL_OPTIONS
      assert.doesNotMatch([...(c.command ?? []), ...(c.args ?? [])].join(' '), /-Xmx|MaxRAMPercentage/, `${name}: heap flag on the command line`);
      const heap = (limit * percent) / 100;
      assert.ok(heap + measured.nonHeap <= limit, `${name}: heap ${heap / MB} MB + non-heap ${measured.nonHeap / MB} MB > limit ${limit / MB} MB`);
      assert.ok(limit > measured.peakRss[name] * 1.25, `${name}: limit ${limit / MB} MB is not 25% above the measured ${measured.peakRss[name] / MB} MB`);
      assert.ok(request >= measured.restingRss, `${name}: request below the resting RSS`);
      assert.equal(c.resources.requests.cpu !== undefined, true);
    }
    for (const set of objects().filter((o) => o.kind === 'StatefulSet')) {
      for (const c of set.spec.template.spec.containers) {
        assert.ok(c.resources?.limits?.memory && c.resources?.requests?.memory, `${set.metadata.name}/${c.name}: resources`);
        const cache = env(c, 'WIRED_TIGER_CACHE_GB')?.value;
        if (cache) {
          assert.ok(Number(cache) * 2 ** 30 <= 0.5 * bytes(c.resources.limits.memory), `${c.name}: WiredTiger cache above half the limit`);
        }
        const xmx = /-Xmx(\d+)([mg])/.exec(env(c, 'KAFKA_HEAP_OPTS')?.value ?? '');
        if (xmx) {
          assert.ok(Number(xmx[1]) * (xmx[2] === 'g' ? 2 ** 30 : 2 ** 20) <= 0.5 * bytes(c.resources.limits.memory), `${c.name}: Kafka heap above half the limit`);
        }
      }
    }
  });

  test(`${overlay}: intake and reporting scale by HPA between 2 and the partition count`, () => {
    const config = objects().find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('ler-config'));
    for (const name of ['intake-service', 'reporting-service']) {
      const hpa = objects().find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === name);
      assert.ok(hpa, `no HPA for ${name}`);
      assert.equal(hpa.spec.scaleTargetRef.kind, 'Deployment');
      assert.ok(hpa.spec.minReplicas >= 2);
      assert.ok(hpa.spec.maxReplicas <= Number(config.data.LER_TOPIC_PARTITIONS), 'more instances than partitions');
    }
  });

  test(`${overlay}: network policies deny by default and allow only the listed paths`, () => {
    const policies = objects().filter((o) => o.kind === 'NetworkPolicy');
    const deny = policies.find((p) => Object.keys(p.spec.podSelector).length === 0
      && p.spec.policyTypes.includes('Ingress') && p.spec.policyTypes.includes('Egress') && !p.spec.ingress && !p.spec.egress);
    assert.ok(deny, 'no default-deny NetworkPolicy for both directions');
    // nothing is opened to every source or every destination, save DNS and the API server
    for (const p of policies) {
      for (const rule of p.spec.ingress ?? []) {
        assert.ok(rule.from?.length > 0, `NetworkPolicy/${p.metadata.name}: ingress from anywhere`);
      }
      for (const rule of p.spec.egress ?? []) {
        const apiServer = !rule.to && rule.ports?.every((x) => [443, 6443].includes(x.port)) && p.spec.podSelector.matchLabels?.['strimzi.io/name']?.endsWith('entity-operator');
        assert.ok(rule.to?.length > 0 || apiServer, `NetworkPolicy/${p.metadata.name}: egress to anywhere`);
      }
    }
    // every Deployment and StatefulSet pod is covered by some allow policy besides the deny
    for (const w of workloads(objects())) {
      const labels = w.spec.template.metadata.labels;
      const allowing = policies.filter((p) => p !== deny && Object.keys(p.spec.podSelector).length > 0 && labelsMatch(p.spec.podSelector, labels));
      assert.ok(allowing.length > 0, `${w.kind}/${w.metadata.name}: no policy lets anything reach it`);
    }
  });

  test(`${overlay}: the entry point is TLS through an ingress class, the stream unbuffered`, () => {
    const ingresses = objects().filter((o) => o.kind === 'Ingress');
    assert.ok(ingresses.length > 0);
    for (const ing of ingresses) {
      assert.ok(ing.spec.ingressClassName, `Ingress/${ing.metadata.name}: no ingressClassName`);
      const tlsHosts = ing.spec.tls.flatMap((t) => t.hosts);
      assert.ok(ing.spec.tls.every((t) => t.secretName));
      for (const rule of ing.spec.rules) {
        assert.ok(tlsHosts.includes(rule.host), `Ingress/${ing.metadata.name}: ${rule.host} without TLS`);
      }
      assert.equal(ing.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect'], 'true');
    }
    const stream = ingresses.find((ing) => ing.spec.rules.some((r) => r.http.paths.some((p) => p.path === '/api/statistics/stream')));
    assert.equal(stream.metadata.annotations['nginx.ingress.kubernetes.io/proxy-buffering'], 'off');
  });

  test(`${overlay}: every image names a version (a tag other than latest, or a digest)`, () => {
    for (const o of allPods(objects())) {
      for (const c of containersOf(podSpec(o))) {
        assert.match(c.image, /(:(?!latest$)[\w][\w.-]*|@sha256:[0-9a-f]{64})$/, `${o.metadata.name}/${c.name}: ${c.image}`);
      }
    }
  });

  test(`${overlay}: no secret value is committed; every password comes from a Secret`, () => {
    assert.deepEqual(objects().filter((o) => o.kind === 'Secret').map((o) => o.metadata.name), []);
    for (const o of allPods(objects())) {
      for (const c of containersOf(podSpec(o))) {
        for (const e of c.env ?? []) {
          if (/PASSWORD|SECRET|TOKEN|JAAS|KEYFILE/i.test(e.name)) {
            assert.ok(e.valueFrom?.secretKeyRef, `${o.metadata.name}/${c.name}: ${e.name} has a literal value`);
          }
          if (e.name === 'MONGODB_URI') {
            assert.match(e.value, /^mongodb:\/\/[a-z-]+:\$\(MONGO_PASSWORD\)@/, `${o.metadata.name}: MONGODB_URI credentials`);
          }
        }
      }
    }
  });

  test(`${overlay}: each service logs in to MongoDB as its own user on its own database`, () => {
    for (const name of services) {
      const c = objects().find((o) => o.kind === 'Deployment' && o.metadata.name === name).spec.template.spec.containers[0];
      const database = env(c, 'SPRING_MONGODB_DATABASE').value;
      assert.equal(env(c, 'MONGODB_URI').value,
        `mongodb://${name}:$(MONGO_PASSWORD)@$(MONGO_HOSTS)/${database}?replicaSet=rs0&authSource=${database}`);
      assert.equal(env(c, 'MONGO_PASSWORD').valueFrom.secretKeyRef.name, `mongo-${name}`);
    }
    const mongo = objects().find((o) => o.kind === 'StatefulSet' && o.metadata.name === 'mongo');
    const mongod = mongo.spec.template.spec.containers.find((c) => c.name === 'mongod');
    assert.match(mongod.args.join(' '), /--keyFile /, 'members must authenticate to each other (access control on)');
    assert.ok(mongo.spec.template.spec.containers.some((c) => c.name === 'rs-init'), 'nothing initiates the replica set');
  });
}

test('review seals case histories with a secret from outside the store, in both overlays and compose (ADR 17)', () => {
  for (const overlay of overlays) {
    const review = render(overlay).find((o) => o.kind === 'Deployment' && o.metadata.name === 'review-service');
    const c = podSpec(review).containers[0];
    assert.deepEqual(env(c, 'LER_AUDIT_SEAL_SECRET')?.valueFrom?.secretKeyRef, { name: 'ler-audit-seal', key: 'secret' },
      `${overlay}: review's seals would be unkeyed, and anyone who can write MongoDB could reseal a history`);
    assert.deepEqual(env(c, 'LER_AUDIT_SEAL_PREVIOUS_SECRETS')?.valueFrom?.secretKeyRef,
      { name: 'ler-audit-seal', key: 'previous-secrets', optional: true }, `${overlay}: a rotation could not keep old seals valid`);
  }
  assert.match(read('ops/k8s/create-secrets.sh'), /^make ler-audit-seal secret "\$\(secret\)"$/m, 'the Secret is never created');
  assert.equal(compose().services['review-service'].environment.LER_AUDIT_SEAL_SECRET,
    '${LER_AUDIT_SEAL_SECRET:?run ops/compose-env.sh first}');
  assert.match(read('ops/compose-env.sh'), /\bLER_AUDIT_SEAL_SECRET\b/, 'compose-env.sh never writes the secret to .env');
  assert.equal(serviceApplicationYml('review-service').ler.review.audit['seal-secret'], '${LER_AUDIT_SEAL_SECRET:}');
});

test('production: Kafka is Strimzi with SCRAM on its only listener and ACLs on', () => {
  const objects = render('production');
  assert.equal(objects.filter((o) => o.kind === 'StatefulSet' && o.metadata.name === 'kafka').length, 0);
  const kafka = objects.find((o) => o.kind === 'Kafka');
  assert.deepEqual(kafka.spec.kafka.listeners.map((l) => [l.tls, l.authentication?.type]), [[true, 'scram-sha-512']]);
  assert.equal(kafka.spec.kafka.authorization.type, 'simple');
  assert.equal(kafka.spec.kafka.config['auto.create.topics.enable'], false);
  const pool = objects.find((o) => o.kind === 'KafkaNodePool');
  assert.equal(pool.metadata.labels['strimzi.io/cluster'], kafka.metadata.name);
  assert.equal(pool.spec.replicas, 3);
  assert.deepEqual([...pool.spec.roles].sort(), ['broker', 'controller']);
  assert.equal(pool.spec.template.pod.metadata.labels['ler-role'], 'kafka-broker', 'the services may reach the brokers');
  assert.ok(pool.spec.storage.volumes.every((v) => v.deleteClaim === false), 'deleting the cluster must keep the event log');
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('ler-config'));
  assert.equal(config.data.KAFKA_BOOTSTRAP_SERVERS, `${kafka.metadata.name}-kafka-bootstrap:9093`);
  assert.equal(config.data.SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SECURITY_PROTOCOL, 'SASL_SSL');
  assert.equal(config.data.SPRING_CLOUD_STREAM_KAFKA_BINDER_AUTOCREATETOPICS, 'false');
  for (const name of services) {
    const spec = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name).spec.template.spec;
    assert.equal(env(spec.containers[0], 'SPRING_CLOUD_STREAM_KAFKA_BINDER_CONFIGURATION_SASL_JAAS_CONFIG').valueFrom.secretKeyRef.name, name,
      `${name} must log in as its own KafkaUser`);
    assert.equal(spec.volumes.find((v) => v.name === 'kafka-ca').secret.secretName, `${kafka.metadata.name}-cluster-ca-cert`);
  }
});

/** Topic names the services use: their event topics and the dlq-name of every consumer binding. */
function topicsOfServices() {
  const topics = new Set(['ler.requests', 'ler.decisions']);
  for (const name of services) {
    const bindings = serviceApplicationYml(name).spring.cloud.stream.kafka.bindings;
    for (const binding of Object.values(bindings)) {
      if (binding.consumer?.['dlq-name']) topics.add(binding.consumer['dlq-name']);
    }
  }
  return [...topics].sort();
}

test('the declared topics are exactly the services\' topics, alike in Kubernetes (both overlays) and compose', () => {
  const expected = topicsOfServices();
  assert.ok(expected.includes('ler.requests.dlq.reporting') && expected.length === 7, expected.join(' '));
  const strimzi = render('production').filter((o) => o.kind === 'KafkaTopic').map((t) => t.spec.topicName).sort();
  assert.deepEqual(strimzi, expected);
  const job = render('local').find((o) => o.kind === 'Job' && o.metadata.name === 'kafka-topics');
  assert.deepEqual(env(job.spec.template.spec.containers[0], 'LER_TOPICS').value.split(/\s+/).sort(), expected);
  assert.deepEqual(compose().services['kafka-topics'].environment.LER_TOPICS.split(/\s+/).sort(), expected);
});

test('production topics keep every event, survive a broker loss and have a partition per consumer thread', () => {
  const objects = render('production');
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('ler-config'));
  const threads = 2 * Number(config.data.LER_CONSUMER_CONCURRENCY);
  for (const topic of objects.filter((o) => o.kind === 'KafkaTopic')) {
    const where = topic.spec.topicName;
    assert.equal(topic.spec.config['retention.ms'], -1, `${where}: retention`);
    assert.equal(topic.spec.config['min.insync.replicas'], 2, `${where}: min.insync.replicas`);
    assert.equal(topic.spec.replicas, 3, `${where}: replicas`);
    assert.equal(topic.spec.partitions, Number(config.data.LER_TOPIC_PARTITIONS), `${where}: partitions`);
    assert.ok(topic.spec.partitions >= threads, `${where}: fewer partitions than the 2 instances' consumer threads`);
  }
});

test('the services create no topic and add no partitions; each checks at start that its topics exist, kept forever', () => {
  const declared = topicsOfServices();
  for (const name of services) {
    const yml = serviceApplicationYml(name);
    const binder = yml.spring.cloud.stream.kafka.binder;
    assert.equal(binder['auto-create-topics'], false, `${name}: the binder would create topics`);
    assert.ok(!('auto-add-partitions' in binder), `${name}: adding partitions moves keys (docs/scaling.md)`);
    const topics = yml.ler.topics;
    const resolve = (value) => String(value).replace(/\$\{[A-Z_]+:([^}]+)\}/g, '$1');
    assert.deepEqual(String(topics.events).split(',').map(resolve).sort(), ['ler.decisions', 'ler.requests'], `${name}: event topics`);
    assert.equal(topics['dead-letters'], '${ler.dead-letters.topics}', `${name}: its dead-letter topics`);
    assert.equal(resolve(topics['create-missing']), 'false', `${name}: creates missing topics by default`);
    const dlqs = String(yml.ler['dead-letters'].topics).match(/[\w.-]+(?=})/g) ?? [];
    assert.ok(dlqs.length > 0, `${name}: no dead-letter topics named`);
  }
  assert.equal(declared.length, 7);
});

test('local and compose topic scripts set retention.ms=-1 on every topic, also one that exists', () => {
  const script = read('k8s/overlays/local/topics.sh');
  assert.match(script, /--create --if-not-exists/);
  assert.match(script, /--alter --entity-type topics --entity-name "\$topic"\s*\\\s*\n\s*--add-config retention\.ms=-1/);
  assert.match(script, /grep -q 'retention\.ms=-1'/);
  execFileSync('bash', ['-n', `${root}/k8s/overlays/local/topics.sh`]);
  execFileSync('bash', ['-n', `${root}/k8s/base/mongo/rs-init.sh`]);
  // users.js runs in mongosh (db and print are its globals): its syntax at least is checked here
  execFileSync(process.execPath, ['--check', `${root}/k8s/base/mongo/users.js`]);
});

/** Every consumer binding's topic and group, per service, from its application.yml. */
function consumersOf(name) {
  const yml = serviceApplicationYml(name);
  const resolve = (value) => String(value).replace(/\$\{[A-Z_]+:([^}]+)\}/g, '$1');
  return Object.entries(yml.spring.cloud.stream.bindings)
    .filter(([binding]) => /-in-\d+$/.test(binding))
    .map(([, b]) => ({ topic: resolve(b.destination), group: resolve(b.group) }));
}

test('production ACLs: intake writes only ler.requests, review only ler.decisions, reporting no event topic', () => {
  const users = Object.fromEntries(render('production').filter((o) => o.kind === 'KafkaUser').map((u) => [u.metadata.name, u]));
  assert.deepEqual(Object.keys(users).sort(), [...services].sort());
  const writes = { 'intake-service': 'ler.requests', 'review-service': 'ler.decisions', 'reporting-service': null };
  for (const name of services) {
    const user = users[name];
    assert.equal(user.spec.authentication.type, 'scram-sha-512');
    const acls = user.spec.authorization.acls;
    const allows = (type, resource, op) => acls.some((a) => a.resource.type === type && (a.type ?? 'allow') === 'allow'
      && a.operations.includes(op)
      && (a.resource.patternType === 'prefix' ? resource.startsWith(a.resource.name) : a.resource.name === resource));
    assert.ok(acls.every((a) => !a.operations.includes('All') && a.resource.type !== 'cluster'), `${name}: All or cluster`);
    const topicChanges = acls.filter((a) => a.operations.some((op) => ['Create', 'Delete', 'Alter', 'AlterConfigs'].includes(op)));
    assert.deepEqual(topicChanges, [], `${name} may create, alter or delete topics: the KafkaTopics are their only source`);
    const written = acls.filter((a) => a.resource.type === 'topic' && a.operations.includes('Write')).map((a) => a.resource.name);
    const dlqs = written.filter((t) => t.includes('.dlq.'));
    assert.ok(dlqs.every((t) => t.endsWith(`.dlq.${name.replace('-service', '')}`)), `${name} writes another's dead letters`);
    assert.deepEqual(written.filter((t) => !t.includes('.dlq.')), writes[name] ? [writes[name]] : [], `${name} writes`);
    for (const { topic, group } of consumersOf(name)) {
      assert.ok(allows('topic', topic, 'Read') && allows('topic', topic, 'Describe'), `${name}: cannot read ${topic}`);
      assert.ok(allows('group', group, 'Read'), `${name}: cannot use its group ${group}`);
    }
    assert.ok(acls.every((a) => a.resource.patternType !== 'prefix' || a.resource.type === 'group'), `${name}: prefixed topic ACL`);
  }
});

test('the image sizes its heap through JAVA_TOOL_OPTIONS only, so the deployments\' setting holds', () => {
  const dockerfile = read('Dockerfile');
  const entrypoint = dockerfile.split('\n').filter((l) => /^(ENTRYPOINT|CMD)/.test(l)).join(' ');
  assert.doesNotMatch(entrypoint, /-Xmx|MaxRAMPercentage/);
  assert.match(dockerfile, /^ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 /m);
});

test('compose: Kafka writes its log into the kafka-data volume; MongoDB is a replica set with users', () => {
  const c = compose();
  const kafka = c.services.kafka;
  const mount = kafka.volumes.map((v) => v.split(':')).find(([source]) => source === 'kafka-data');
  assert.ok(mount, 'kafka-data is not mounted');
  assert.ok(kafka.environment.KAFKA_LOG_DIRS.startsWith(`${mount[1]}/`), 'the log is not in the kafka-data volume');
  assert.ok('kafka-data' in c.volumes);
  const mongo = c.services.mongo;
  assert.ok(mongo.command.includes('--replSet') && mongo.command.includes('--keyFile'));
  assert.ok(mongo.healthcheck.test.join(' ').includes('rs.initiate'));
  assert.ok(mongo.volumes.some((v) => v.endsWith('/docker-entrypoint-initdb.d/10-users.js:ro')));
  for (const name of services) {
    const s = c.services[name];
    assert.equal(s.image, `\${LER_REGISTRY:-ler}/${name}:\${LER_TAG:-latest}`);
    const db = s.environment.SPRING_MONGODB_DATABASE;
    assert.match(s.environment.MONGODB_URI, new RegExp(`^mongodb://${name}:\\$\\{LER_MONGO_[A-Z]+_PASSWORD:\\?[^}]+\\}@mongo:27017/${db}\\?replicaSet=rs0&authSource=${db}$`));
    assert.ok(s.healthcheck && s.read_only === true && s.cap_drop.includes('ALL'));
    assert.equal(s.deploy.resources.limits.memory, '1g');
  }
  for (const [name, s] of Object.entries(c.services)) {
    for (const [key, value] of Object.entries(s.environment ?? {})) {
      if (/PASSWORD|SECRET|TOKEN/.test(key)) {
        assert.match(String(value), /^\$\{[A-Z_]+:\?[^}]+\}$/, `${name}: ${key} must come from .env`);
      }
    }
  }
  assert.match(read('.gitignore'), /^\.env$/m);
});

test('the services\' MongoDB users have readWrite on their own database and nothing else', () => {
  const users = read('k8s/base/mongo/users.js');
  for (const [name, db] of [['intake-service', 'ler_intake'], ['review-service', 'ler_review'], ['reporting-service', 'ler_reporting']]) {
    assert.match(users, new RegExp(`user: '${name}', db: '${db}'`));
  }
  assert.match(users, /const roles = \[\{ role: 'readWrite', db: service\.db \}\];/);
  assert.doesNotMatch(users, /root|dbAdmin|clusterAdmin|AnyDatabase/);
});

test('no secret value is tracked in the repository', () => {
  const tracked = execFileSync('git', ['-C', root, 'ls-files'], { encoding: 'utf8' }).split('\n');
  assert.deepEqual(tracked.filter((f) => /(^|\/)\.env$|\.(pem|key|p12|jks)$|keyfile$/.test(f)), []);
  for (const file of tracked.filter((f) => /^(k8s|ops)\/.*\.ya?ml$|^docker-compose\.yml$/.test(f))) {
    for (const doc of YAML.parseAllDocuments(read(file))) {
      const o = doc.toJS();
      assert.ok(!(o?.kind === 'Secret' && (o.data || o.stringData)), `${file}: a Secret with values`);
      assert.ok(!(o?.secretGenerator ?? []).some((g) => g.literals), `${file}: secretGenerator literals`);
    }
  }
});

test('the Testcontainers suites run MongoDB with access control and compose\'s own users.js', () => {
  const infrastructure = read('test-support/src/main/java/ler/testsupport/RealInfrastructure.java');
  assert.match(infrastructure, /static final SecuredMongoContainer mongo = new SecuredMongoContainer\("mongo:8\.0"\)/);
  assert.match(infrastructure, /registry\.add\("spring\.mongodb\.uri", \(\) -> mongo\.uri\(database\)\)/);
  const container = read('test-support/src/main/java/ler/testsupport/SecuredMongoContainer.java');
  assert.match(container, /Path\.of\("k8s", "base", "mongo", "users\.js"\)/);
  assert.match(container, /"\/docker-entrypoint-initdb\.d\/10-users\.js"/);
  assert.match(container, /--keyFile/);
  assert.match(container, /MONGO_INITDB_ROOT_USERNAME/);
  // the variables users.js reads its passwords from are the ones the container sets
  const variables = [...read('k8s/base/mongo/users.js').matchAll(/env: '([A-Z_]+)'/g)].map((m) => m[1]).sort();
  assert.deepEqual([...container.matchAll(/"(MONGO_[A-Z]+_PASSWORD)"/g)].map((m) => m[1]).sort(), variables);
  // each service connects as its database's user, authenticated against that database
  assert.match(container, /"\?authSource=" \+ database/);
});
