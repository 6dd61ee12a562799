// The services' images (Jib, and the Dockerfile beside it): a base pinned by digest, the
// same in both; non-root; heap sized by the container's limit; named by registry.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import YAML from 'yaml';
import { read, readYaml } from '../lib.mjs';

const imageModules = ['intake-service', 'review-service', 'reporting-service', 'identity-service'];
const digestPinned = /^[^@\s]+@sha256:[0-9a-f]{64}$/;

/** The text of the first <tag>...</tag> inside xml, or undefined. */
const element = (xml, tag) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1]?.trim();
/** xml without its comments, so a commented-out setting never counts. */
const withoutComments = (xml) => xml.replace(/<!--[\s\S]*?-->/g, '');
/** The <plugin> block of artifactId in xml, or undefined. */
const plugin = (xml, artifactId) =>
  [...xml.matchAll(/<plugin>([\s\S]*?)<\/plugin>/g)].map((m) => m[1]).find((p) => element(p, 'artifactId') === artifactId);

/** Whether the image base passes the digest rule: image@sha256:<64 hex>. */
function pinnedByDigest(reference) {
  return digestPinned.test(reference ?? '');
}

const parent = () => withoutComments(read('pom.xml'));
const base = () => element(element(parent(), 'properties'), 'ler.image.base');

test('the images\' base is pinned by digest, and the build refuses one that is not', () => {
  assert.ok(pinnedByDigest(base()), `ler.image.base is ${base()}: name the image by its digest`);
  const enforcer = plugin(element(parent(), 'pluginManagement'), 'maven-enforcer-plugin');
  assert.ok(enforcer, 'no enforcer rule on the image base');
  const rule = [...enforcer.matchAll(/<requireProperty>([\s\S]*?)<\/requireProperty>/g)].map((m) => m[1])
    .find((r) => element(r, 'property') === 'ler.image.base');
  assert.ok(rule, 'the enforcer does not check ler.image.base');
  const regex = new RegExp(`^(?:${element(rule, 'regex').replace(/&lt;/g, '<').replace(/&gt;/g, '>')})$`);
  assert.ok(regex.test(base()), 'the enforcer would refuse the committed base');
  assert.ok(!regex.test('eclipse-temurin:17-jre'), 'the enforcer lets a bare tag through');
  assert.ok(!regex.test('eclipse-temurin:17-jre@sha256:abc'), 'the enforcer lets a short digest through');
});

test('the digest rule can fail', () => {
  assert.equal(pinnedByDigest('eclipse-temurin:17-jre'), false);
  assert.equal(pinnedByDigest('eclipse-temurin@sha256:123'), false);
  assert.equal(pinnedByDigest(undefined), false);
  assert.equal(pinnedByDigest(`eclipse-temurin:17-jre@sha256:${'a'.repeat(64)}`), true);
});

test('the Dockerfile\'s runtime stage starts from the same pinned base as the Jib images', () => {
  const froms = read('Dockerfile').split('\n').filter((l) => /^FROM\s/.test(l));
  const runtime = froms[froms.length - 1].split(/\s+/)[1];
  assert.equal(runtime, base(), 'Dockerfile and pom.xml name different bases');
});

test('Jib: non-root 10001, heap from the container limit through JAVA_TOOL_OPTIONS, image by registry name', () => {
  const jib = plugin(element(parent(), 'pluginManagement'), 'jib-maven-plugin');
  assert.ok(jib, 'no jib-maven-plugin in the parent\'s pluginManagement');
  assert.match(element(jib, 'version'), /^\$\{jib\.version\}$/);
  assert.match(element(element(parent(), 'properties'), 'jib.version'), /^\d+\.\d+\.\d+$/);
  assert.equal(element(element(jib, 'from'), 'image'), '${ler.image.base}');
  assert.equal(element(element(jib, 'to'), 'image'), '${ler.registry}/${project.artifactId}:${ler.tag}');
  const container = element(jib, 'container');
  assert.equal(element(container, 'user'), '10001:10001');
  assert.equal(element(element(container, 'ports'), 'port'), '${ler.image.port}');
  // the Dockerfile's setting: a deployment's JAVA_TOOL_OPTIONS replaces it
  const dockerfileOptions = /^ENV JAVA_TOOL_OPTIONS="([^"]+)"/m.exec(read('Dockerfile'))[1];
  assert.equal(element(element(container, 'environment'), 'JAVA_TOOL_OPTIONS'), dockerfileOptions);
  assert.match(dockerfileOptions, /-XX:MaxRAMPercentage=\d+/);
  // a command-line heap flag would win over the deployments' JAVA_TOOL_OPTIONS
  assert.doesNotMatch(element(container, 'jvmFlags') ?? '', /Xmx|MaxRAMPercentage|InitialRAMPercentage/);
  // LER_REGISTRY and LER_TAG name the images, as in docker compose
  for (const [variable, property] of [['LER_REGISTRY', 'ler.registry'], ['LER_TAG', 'ler.tag']]) {
    const profile = [...parent().matchAll(/<profile>([\s\S]*?)<\/profile>/g)].map((m) => m[1])
      .find((p) => element(element(p, 'activation'), 'name') === `env.${variable}`);
    assert.ok(profile, `no profile takes ${variable}`);
    assert.equal(element(element(profile, 'properties'), property), `\${env.${variable}}`);
  }
  assert.equal(element(element(parent(), 'properties'), 'jib.skip'), 'true', 'modules without an image would make one');
});

test('each service module makes its image, exposing the port its service listens on', () => {
  for (const name of imageModules) {
    const pom = withoutComments(read(`${name}/pom.xml`));
    const build = element(pom, 'build');
    assert.ok(plugin(build, 'jib-maven-plugin'), `${name}: no jib-maven-plugin`);
    assert.ok(plugin(build, 'maven-enforcer-plugin'), `${name}: the base-image rule is not applied`);
    const properties = element(pom, 'properties');
    assert.equal(element(properties, 'jib.skip'), 'false', `${name}: jib.skip`);
    const port = /\$\{PORT:(\d+)\}/.exec(String(readYaml(`${name}/src/main/resources/application.yml`).server.port))[1];
    assert.equal(element(properties, 'ler.image.port'), port, `${name}: the image exposes another port than server.port`);
  }
});

test('compose names the images the Jib build pushes, by LER_REGISTRY and LER_TAG', () => {
  const compose = YAML.parse(read('docker-compose.yml'), { merge: true });
  for (const name of imageModules) {
    assert.equal(compose.services[name].image, `\${LER_REGISTRY:-ler}/${name}:\${LER_TAG:-latest}`);
  }
});
