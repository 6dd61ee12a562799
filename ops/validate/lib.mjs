// Shared by the checks in test/: renders the overlays with kubectl kustomize (once per run),
// finds the typed validator for each object, and reads the repository's own files.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

/** The repository's root directory. */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The overlays that must render and validate: every directory under k8s/overlays. */
export const overlays = readdirSync(path.join(root, 'k8s', 'overlays'))
  .filter((name) => statSync(path.join(root, 'k8s', 'overlays', name)).isDirectory())
  .sort();

const rendered = new Map();

/**
 * The objects `kubectl kustomize k8s/overlays/<overlay>` renders, parsed. Throws (and so fails
 * the check) when kubectl is missing or the overlay does not render.
 */
export function render(overlay) {
  if (!rendered.has(overlay)) {
    let out;
    try {
      out = execFileSync('kubectl', ['kustomize', path.join(root, 'k8s', 'overlays', overlay)], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      if (e.code === 'ENOENT') {
        throw new Error('kubectl is not installed: it renders the overlays (see ops/README.md)');
      }
      throw new Error(`kubectl kustomize ${overlay} failed:\n${e.stderr || e.message}`);
    }
    rendered.set(overlay, YAML.parseAllDocuments(out).map((doc) => doc.toJS()).filter((o) => o));
  }
  return rendered.get(overlay);
}

/** Reads a repository file as text. */
export function read(relative) {
  return readFileSync(path.join(root, relative), 'utf8');
}

/** Parses a repository YAML file. */
export function readYaml(relative) {
  return YAML.parse(read(relative));
}

// apiVersion -> the module that holds its typed, schema-validating models. Only these API
// versions may appear: current, non-beta versions (Strimzi's and the Prometheus Operator's
// CRDs in production).
const modelPackages = {
  v1: 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'batch/v1': 'kubernetes-models/batch/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'kafka.strimzi.io/v1': '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1',
  'monitoring.coreos.com/v1': '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1',
};

/** The API versions the manifests may use. */
export const allowedApiVersions = Object.keys(modelPackages);

/**
 * Validates one object against the schema of its apiVersion and kind; returns a list of
 * problems (empty when valid). An unknown apiVersion or kind is a problem, never skipped.
 */
export async function schemaProblems(object) {
  const where = `${object.kind}/${object.metadata?.name}`;
  const pkg = modelPackages[object.apiVersion];
  if (!pkg) {
    return [`${where}: apiVersion ${object.apiVersion} is not one of ${allowedApiVersions.join(', ')}`];
  }
  let Model;
  try {
    Model = (await import(`${pkg}/${object.kind}`))[object.kind];
  } catch (e) {
    return [`${where}: no schema for kind ${object.kind} in ${object.apiVersion}`];
  }
  if (!Model) {
    return [`${where}: no schema for kind ${object.kind} in ${object.apiVersion}`];
  }
  try {
    new Model(object).validate();
    return [];
  } catch (e) {
    return [`${where}: ${e.message}`];
  }
}

/** The pod template of a workload object, or undefined for other kinds. */
export function podSpec(object) {
  return ['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(object.kind)
    ? object.spec.template.spec
    : undefined;
}

/** Parses a Kubernetes memory quantity (e.g. 1Gi, 640Mi, 512M) into bytes. */
export function bytes(quantity) {
  const match = /^([0-9.]+)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(quantity));
  if (!match) {
    throw new Error(`not a memory quantity: ${quantity}`);
  }
  const unit = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(match[1]) * (match[2] ? unit[match[2]] : 1);
}

/**
 * Type-checks objects against the models' TypeScript interfaces with tsc: the JSON schemas
 * the validators run leave unknown fields unchecked (a misspelt publishNotReadyAddresses
 * would pass), while TypeScript's excess-property check names every field the API does not
 * know. Returns tsc's error lines (empty when every object is clean).
 * @param {Array<{label: string, object: object}>} entries
 */
export function unknownFieldProblems(entries) {
  const imports = new Map();
  const lines = [];
  entries.forEach(({ label, object }, i) => {
    const type = `I${object.kind}_${object.apiVersion.replace(/[^A-Za-z0-9]/g, '_')}`;
    imports.set(type, `import type { I${object.kind} as ${type} } from "${modelPackages[object.apiVersion]}/${object.kind}";`);
    lines.push(`// ${label}\nexport const o${i}: ${type} = ${JSON.stringify(object, null, 1)};`);
  });
  const dir = path.join(root, 'ops', 'validate', '.generated');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'rendered.ts');
  writeFileSync(file, [...imports.values(), ...lines].join('\n') + '\n');
  try {
    execFileSync(
      process.execPath,
      [path.join(root, 'ops', 'validate', 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '--strict',
        '--skipLibCheck', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', file],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    return [];
  } catch (e) {
    const source = readFileSync(file, 'utf8').split('\n');
    // name the object each error is in: the nearest "// label" line above it
    return String(e.stdout || e.message).split('\n').filter((l) => l.includes('error TS')).map((l) => {
      const at = Number(/\((\d+),/.exec(l)?.[1] ?? 0);
      let label = '';
      for (let n = at - 1; n >= 0 && !label; n--) {
        if (source[n]?.startsWith('// ')) label = source[n].slice(3);
      }
      return `${label}: ${l.replace(/^.*error TS\d+: /, '')}`;
    });
  }
}
