// The alert rules: every expression is valid PromQL, every metric it reads is one the services
// export (or a library exports for them), the compose and Kubernetes copies are the same, and
// the alerts an operator needs are there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parser } from '@prometheus-io/lezer-promql';
import YAML from 'yaml';
import { read, readYaml, render, root } from '../lib.mjs';

const rules = () => readYaml('ops/prometheus/rules.yml');
const alerts = () => rules().groups.flatMap((g) => g.rules);

/** Metrics exported by libraries, not by the services' own code. */
const libraryMetrics = {
  up: 'Prometheus itself, per scrape target',
  spring_cloud_stream_binder_kafka_offset: "spring-cloud-stream's Kafka binder (consumer lag per group and topic)",
};

/**
 * Metrics the alerts read that the services do not export yet (none now: review exports
 * ler_audit_chain_broken since issue 14).
 */
const promised = {};

/** Parses PromQL; returns [error positions, metric names read]. */
function parse(expr) {
  const errors = [];
  const metrics = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(node.from);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') metrics.push(expr.slice(node.from, node.to));
    },
  });
  return [errors, metrics];
}

/** Prometheus names of the meters registered in the services' main code ("ler.a.b" -> ler_a_b[_total]). */
function exportedMetrics() {
  const names = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir)) {
      const file = path.join(dir, entry);
      if (statSync(file).isDirectory()) walk(file);
      else if (file.endsWith('.java')) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/(Gauge\.builder|Timer\.builder|\.counter|\.timer|Counter\.builder)\(\s*"(ler\.[a-z.]+)"/g)) {
          const base = m[2].replaceAll('.', '_');
          names.add(m[1].toLowerCase().includes('counter') ? `${base}_total` : base);
          names.add(base);
        }
      }
    }
  };
  for (const service of ['platform', 'intake-service', 'review-service', 'reporting-service']) {
    walk(path.join(root, service, 'src', 'main', 'java'));
  }
  return names;
}

test('every alert expression is valid PromQL and reads only metrics that exist', () => {
  const exported = exportedMetrics();
  assert.ok(exported.has('ler_dead_lettered_events') && exported.has('ler_publish_failures_total'), [...exported].join(' '));
  for (const rule of alerts()) {
    const [errors, metrics] = parse(rule.expr);
    assert.deepEqual(errors, [], `${rule.alert}: PromQL syntax error in ${rule.expr}`);
    assert.ok(metrics.length > 0, `${rule.alert}: reads no metric`);
    for (const metric of metrics) {
      assert.ok(exported.has(metric) || libraryMetrics[metric] || promised[metric], `${rule.alert}: nothing exports ${metric}`);
    }
    assert.ok(['warning', 'critical'].includes(rule.labels?.severity), `${rule.alert}: severity`);
    assert.ok(rule.annotations?.summary && rule.annotations?.description, `${rule.alert}: summary and description`);
  }
});

test('the PromQL check can fail', () => {
  assert.notDeepEqual(parse('max by (a (ler_backlog_overdue) > 0')[0], []);
  assert.equal(exportedMetrics().has('ler_backlog_overdu'), false);
});

test('the alerts an operator needs are there', () => {
  const byMetric = (metric) => alerts().filter((r) => parse(r.expr)[1].includes(metric)).map((r) => r.alert);
  for (const metric of ['spring_cloud_stream_binder_kafka_offset', 'ler_dead_lettered_events', 'ler_publish_failures_total',
    'ler_backlog_overdue', 'ler_audit_chain_broken']) {
    assert.equal(byMetric(metric).length, 1, `one alert on ${metric}`);
  }
  assert.equal(alerts().find((r) => r.alert === 'LerAuditChainBroken').labels.severity, 'critical');
});

test('Kubernetes (PrometheusRule) and compose (rules.yml) carry the same rules', () => {
  const rule = render('production').find((o) => o.kind === 'PrometheusRule');
  assert.deepEqual(rule.spec.groups, rules().groups);
  const prometheus = readYaml('ops/prometheus/prometheus.yml');
  assert.deepEqual(prometheus.rule_files, ['/etc/prometheus/rules.yml']);
  const compose = YAML.parse(read('docker-compose.yml'), { merge: true });
  assert.ok(compose.services.prometheus.volumes.includes('./ops/prometheus/rules.yml:/etc/prometheus/rules.yml:ro'));
  const jobs = prometheus.scrape_configs.map((s) => s.job_name);
  assert.ok(jobs.every((job) => /^(.+\/)?ler$/.test(job)), 'LerServiceDown matches the scrape job by name');
  const monitor = render('production').find((o) => o.kind === 'PodMonitor');
  assert.equal(`${monitor.metadata.namespace}/${monitor.metadata.name}`, 'ler/ler', 'the PodMonitor\'s job name is ler/ler');
});
