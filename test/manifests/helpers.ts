// Helpers for the manifest tests: load our CRDs and fixtures, look schema nodes up by path and walk them.
// Structural checks, validation and pruning are the devcluster's (src/devcluster/schema), not modelled here.
// Everything read here lives inside this repository.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import type { JSONSchemaProps } from '../../src/devcluster/schema/index.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFESTS_DIR = join(REPO_ROOT, 'manifests');
export const CRDS_DIR = join(MANIFESTS_DIR, 'crds');
export const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures/manifests');
export const COVERAGE_DIR = join(REPO_ROOT, 'test/fixtures/schema-coverage');
export const GROUP = 'argoproj.io';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: JsonObject; scale?: Record<string, string> };
  additionalPrinterColumns?: {
    name: string;
    type: string;
    jsonPath: string;
    description?: string;
  }[];
  schema: { openAPIV3Schema: JSONSchemaProps };
}

export interface Crd {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: {
      kind: string;
      listKind: string;
      plural: string;
      singular: string;
      shortNames: string[];
    };
    versions: CrdVersion[];
  };
}

export interface KubeDoc extends JsonObject {
  apiVersion: string;
  kind: string;
  metadata: JsonObject;
}

export interface LoadedDoc {
  file: string;
  index: number;
  doc: KubeDoc;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Files listed in a kustomization.yaml, resolved relative to it. */
export function kustomizationResources(dir: string): string[] {
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    resources?: string[];
  };
  return (k.resources ?? []).map((r) => join(dir, r));
}

/** Every YAML document in a file, failing loudly on YAML errors or warnings. */
export function loadDocs(file: string): KubeDoc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  const out: KubeDoc[] = [];
  for (const d of docs) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length > 0)
      throw new Error(
        `${file}: ${problems
          .slice(0, 3)
          .map((p) => p.message)
          .join('; ')}`,
      );
    const value: unknown = d.toJS();
    if (value === null || value === undefined) continue;
    out.push(value as KubeDoc);
  }
  return out;
}

export function loadCrds(): Crd[] {
  return kustomizationResources(CRDS_DIR).flatMap((f) => loadDocs(f) as unknown as Crd[]);
}

export function loadYamlDir(dir: string): LoadedDoc[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) => loadDocs(join(dir, file)).map((doc, index) => ({ file, index, doc })));
}

export function schemaFor(crds: Crd[], doc: KubeDoc): JSONSchemaProps | undefined {
  const [group, version] = doc.apiVersion.split('/');
  const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === doc.kind);
  return crd?.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema;
}

export function crdNamed(crds: Crd[], name: string): Crd {
  const found = crds.find((c) => c.metadata.name === name);
  if (!found) throw new Error(`CRD ${name} not found`);
  return found;
}

/** The schema of a CRD's first (and only) version. */
export function crdSchema(crd: Crd): JSONSchemaProps {
  const v = crd.spec.versions[0];
  if (!v) throw new Error(`CRD ${crd.metadata.name} has no version`);
  return v.schema.openAPIV3Schema;
}

export const isCustom = (d: LoadedDoc): boolean => d.doc.apiVersion.startsWith(`${GROUP}/`);
export const label = (d: LoadedDoc): string =>
  `${d.file}#${d.index} ${d.doc.kind}/${String(d.doc.metadata.name)}`;

// ---------------------------------------------------------------------------------------------
// Schema walking (coverage and shape assertions; validation and pruning are src/devcluster/schema's)

/** Visit every schema node with its dotted path (`[]` for array items, `{}` for map values). */
export function walkSchema(
  node: JSONSchemaProps,
  visit: (node: JSONSchemaProps, path: string) => void,
  path = '',
): void {
  visit(node, path);
  for (const [k, child] of Object.entries(node.properties ?? {}))
    walkSchema(child, visit, path ? `${path}.${k}` : k);
  if (typeof node.additionalProperties === 'object')
    walkSchema(node.additionalProperties, visit, `${path}.{}`);
  if (node.items) walkSchema(node.items, visit, `${path}[]`);
}

/** The schema node at a `walkSchema` path. */
export function schemaAt(schema: JSONSchemaProps, path: string): JSONSchemaProps {
  let found: JSONSchemaProps | undefined;
  walkSchema(schema, (n, p) => {
    if (p === path) found = n;
  });
  if (!found) throw new Error(`no schema node at ${path}`);
  return found;
}

/** Sorted `walkSchema` paths of the nodes matching `pred`. */
export function pathsWhere(
  schema: JSONSchemaProps,
  pred: (n: JSONSchemaProps) => boolean,
): string[] {
  const out: string[] = [];
  walkSchema(schema, (n, p) => {
    if (pred(n)) out.push(p);
  });
  return out.sort();
}

/** Dotted paths (`[]` for list items, `{}` for map values) of every leaf in `value`, following the schema. */
export function usedSchemaPaths(
  value: Json,
  node: JSONSchemaProps,
  path = '',
  out = new Set<string>(),
): Set<string> {
  out.add(path);
  if (node['x-kubernetes-preserve-unknown-fields']) return out;
  if (Array.isArray(value) && node.items) {
    for (const item of value) usedSchemaPaths(item, node.items, `${path}[]`, out);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const prop = node.properties?.[k];
      if (prop) usedSchemaPaths(v, prop, path ? `${path}.${k}` : k, out);
      else if (typeof node.additionalProperties === 'object')
        usedSchemaPaths(v, node.additionalProperties, `${path}.{}`, out);
    }
  }
  return out;
}
