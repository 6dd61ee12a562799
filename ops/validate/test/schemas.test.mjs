// Every rendered object against the Kubernetes (and Strimzi, Prometheus Operator) schemas,
// every field against the API's types, and docker-compose.yml against the compose spec.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import YAML from 'yaml';
import { overlays, read, render, root, schemaProblems, unknownFieldProblems } from '../lib.mjs';

test('there are overlays to check: local and production', () => {
  assert.deepEqual(overlays, ['local', 'production']);
});

for (const overlay of overlays) {
  test(`${overlay}: kubectl kustomize renders it and every object validates against its schema`, async () => {
    const objects = render(overlay);
    assert.ok(objects.length > 20, `only ${objects.length} objects rendered`);
    const problems = (await Promise.all(objects.map(schemaProblems))).flat();
    assert.deepEqual(problems, []);
  });
}

test('no rendered object has a field its API does not know (TypeScript excess-property check)', () => {
  const entries = overlays.flatMap((overlay) =>
    render(overlay).map((object) => ({ label: `${overlay}: ${object.kind}/${object.metadata.name}`, object })));
  assert.deepEqual(unknownFieldProblems(entries), []);
});

test('the schema checks reject broken objects (they can fail)', async () => {
  const deployment = structuredClone(render('local').find((o) => o.kind === 'Deployment'));
  deployment.spec.template.spec.containers[0].ports[0].containerPort = 'eighty';
  assert.notDeepEqual(await schemaProblems(deployment), []);

  const kafka = structuredClone(render('production').find((o) => o.kind === 'Kafka'));
  kafka.spec.kafka.listeners = [];
  assert.notDeepEqual(await schemaProblems(kafka), []);

  const user = structuredClone(render('production').find((o) => o.kind === 'KafkaUser'));
  user.spec.authorization.acls[0].operations = ['Steal'];
  assert.notDeepEqual(await schemaProblems(user), []);

  assert.notDeepEqual(await schemaProblems({ apiVersion: 'networking.k8s.io/v1beta1', kind: 'Ingress', metadata: { name: 'old' } }), []);
  assert.notDeepEqual(await schemaProblems({ apiVersion: 'v1', kind: 'NoSuchKind', metadata: { name: 'x' } }), []);

  const service = structuredClone(render('local').find((o) => o.kind === 'Service' && o.metadata.name === 'kafka'));
  delete service.spec.publishNotReadyAddresses;
  service.spec.publishNotReadyAdresses = true;
  const typo = unknownFieldProblems([{ label: 'misspelt', object: service }]);
  assert.equal(typo.length, 1);
  assert.match(typo[0], /publishNotReadyAdresses/);
});

/** The compose specification's JSON schema, as shipped by the dclint npm package. */
function composeValidator() {
  const schemaFile = path.join(root, 'ops', 'validate', 'node_modules', 'dclint', 'schemas', 'compose.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
  assert.equal(schema.$id, 'compose_spec.json');
  assert.ok(schema.properties.name, 'the schema knows the top-level name: a current compose spec');
  // draft-07, named by an https URI that Ajv does not know under that spelling: Ajv's default
  // meta-schema is draft-07 itself
  assert.match(schema.$schema, /draft-07/);
  const { $schema, ...draft07 } = schema;
  return new Ajv({ allErrors: true, strict: false }).compile(draft07);
}

/** docker-compose.yml as compose reads it: YAML merge keys resolved. */
function compose() {
  return YAML.parse(read('docker-compose.yml'), { merge: true });
}

test('docker-compose.yml validates against the compose specification', () => {
  const validate = composeValidator();
  const valid = validate(compose());
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
});

test('the compose check rejects a broken file (it can fail)', () => {
  const validate = composeValidator();
  const broken = compose();
  broken.services.kafka.volume = ['kafka-data:/var/lib/kafka/data'];
  assert.equal(validate(broken), false);
  const wrongType = compose();
  wrongType.services.mongo.healthcheck = 'yes';
  assert.equal(validate(wrongType), false);
});
