import { parseAllDocuments } from 'yaml';
import { isRecord } from '../../domain/json.js';
import type { KubeObjectJson } from '../../domain/index.js';

/** One object from a manifest file, with where it came from (for messages). */
export interface Manifest {
  file: string;
  /** 0-based document index in the file. */
  doc: number;
  object: KubeObjectJson;
}

export interface ManifestFile {
  path: string;
  text: string;
}

export type ManifestsResult = { manifests: Manifest[] } | { problems: string[] };

/** Files a plain manifest directory holds; everything else under the path is ignored. */
export function isManifestFile(path: string): boolean {
  return /\.(ya?ml|json)$/i.test(path);
}

/** Server-owned metadata a manifest may carry (copied from `kubectl get -o yaml`); not applied. */
const SERVER_FIELDS = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
];

/**
 * Parses the manifest files of one source (multi-document YAML or JSON, `v1 List`s flattened), in
 * path order. Every problem is reported, with file and document; a set with any problem is refused
 * as a whole, so nothing is applied half-way. Objects naming another namespace than the source's
 * are refused; objects without one get it when applied.
 */
export function parseManifests(files: readonly ManifestFile[], namespace: string): ManifestsResult {
  const problems: string[] = [];
  const manifests: Manifest[] = [];
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    if (/(^|\/)kustomization\.ya?ml$/i.test(f.path)) {
      problems.push(
        `${f.path}: Kustomize directories are not supported; commit the rendered manifests (kustomize build) instead`,
      );
      continue;
    }
    const docs = parseAllDocuments(f.text, { prettyErrors: false, uniqueKeys: true });
    if (!Array.isArray(docs)) continue; // an empty stream
    docs.forEach((d, i) => {
      const err = d.errors[0];
      if (err) {
        problems.push(
          `${f.path}: document ${i + 1}: invalid YAML: ${err.message.split('\n')[0] ?? ''}`,
        );
        return;
      }
      let value: unknown;
      try {
        value = d.toJS({ maxAliasCount: 50 });
      } catch (e) {
        problems.push(`${f.path}: document ${i + 1}: ${(e as Error).message}`);
        return;
      }
      if (value === null || value === undefined) return; // an empty document (`---` at the end)
      for (const o of flatten(value)) {
        const problem = objectProblem(o, namespace);
        if (problem) problems.push(`${f.path}: document ${i + 1}: ${problem}`);
        else manifests.push({ file: f.path, doc: i, object: cleaned(o as KubeObjectJson) });
      }
    });
  }
  const seen = new Map<string, Manifest>();
  for (const m of manifests) {
    const k = identity(m.object);
    const first = seen.get(k);
    if (first)
      problems.push(
        `${m.file}: document ${m.doc + 1}: ${describe(m.object)} is also defined in ${first.file} (document ${first.doc + 1})`,
      );
    else seen.set(k, m);
  }
  return problems.length > 0 ? { problems } : { manifests };
}

function flatten(value: unknown): unknown[] {
  if (
    isRecord(value) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    Array.isArray(value.items)
  )
    return value.items;
  return [value];
}

function objectProblem(o: unknown, namespace: string): string | undefined {
  if (!isRecord(o)) return 'a manifest must be a YAML mapping (an object)';
  if (typeof o.apiVersion !== 'string' || o.apiVersion === '') return '`apiVersion` is missing';
  if (typeof o.kind !== 'string' || o.kind === '') return '`kind` is missing';
  const meta = o.metadata;
  if (!isRecord(meta) || typeof meta.name !== 'string' || meta.name === '')
    return `${o.kind}: \`metadata.name\` is missing (generateName cannot be applied)`;
  if (meta.namespace !== undefined && meta.namespace !== namespace) {
    return `${o.kind} ${meta.name}: namespace "${String(meta.namespace)}" is not this source's namespace "${namespace}"`;
  }
  return undefined;
}

function cleaned(o: KubeObjectJson): KubeObjectJson {
  const metadata = { ...o.metadata };
  for (const f of SERVER_FIELDS) delete metadata[f];
  return { ...o, metadata };
}

/** `group/Kind/name`: two manifests with the same identity would fight over one object. */
export function identity(o: KubeObjectJson): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  return `${group}/${o.kind}/${o.metadata.name}`;
}

export function describe(o: KubeObjectJson): string {
  return `${o.kind} ${o.metadata.name}`;
}
