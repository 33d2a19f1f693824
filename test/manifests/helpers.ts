// Helpers for the manifest tests: load our CRDs and fixtures, and a tiny self-contained model of
// the apiextensions structural-schema rules (structural check, validation, pruning) so the CRDs can
// be checked without the devcluster. Everything read here lives inside this repository.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MANIFESTS_DIR = join(REPO_ROOT, 'manifests');
export const CRDS_DIR = join(MANIFESTS_DIR, 'crds');
export const FIXTURES_DIR = join(REPO_ROOT, 'test/fixtures/manifests');
export const COVERAGE_DIR = join(REPO_ROOT, 'test/fixtures/schema-coverage');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The subset of an OpenAPI v3 schema node that CRDs use. */
export interface SchemaNode {
  type?: string;
  format?: string;
  description?: string;
  nullable?: boolean;
  enum?: Json[];
  required?: string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-validations'?: { rule: string; message?: string }[];
  [key: string]: unknown;
}

export interface CrdVersion {
  name: string;
  served: boolean;
  storage: boolean;
  subresources?: { status?: JsonObject; scale?: Record<string, string> };
  additionalPrinterColumns?: { name: string; type: string; jsonPath: string; description?: string }[];
  schema: { openAPIV3Schema: SchemaNode };
}

export interface Crd {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    group: string;
    scope: 'Namespaced' | 'Cluster';
    names: { kind: string; listKind: string; plural: string; singular: string; shortNames: string[] };
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
  const k = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as { resources?: string[] };
  return (k.resources ?? []).map((r) => join(dir, r));
}

/** Every YAML document in a file, failing loudly on YAML errors or warnings. */
export function loadDocs(file: string): KubeDoc[] {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { prettyErrors: true });
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  const out: KubeDoc[] = [];
  for (const d of docs) {
    const problems = [...d.errors, ...d.warnings];
    if (problems.length > 0) throw new Error(`${file}: ${problems.slice(0, 3).map((p) => p.message).join('; ')}`);
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

export function schemaFor(crds: Crd[], doc: KubeDoc): SchemaNode | undefined {
  const [group, version] = doc.apiVersion.split('/');
  const crd = crds.find((c) => c.spec.group === group && c.spec.names.kind === doc.kind);
  return crd?.spec.versions.find((v) => v.name === version)?.schema.openAPIV3Schema;
}

// ---------------------------------------------------------------------------------------------
// Structural-schema model

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Problems that would make the apiserver reject the schema as non-structural (subset of the rules). */
export function structuralProblems(node: SchemaNode, path = '<root>'): string[] {
  const out: string[] = [];
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node.type === undefined) {
    if (!intOrString && !preserve) out.push(`${path}: missing type`);
  } else if (!TYPES.has(node.type)) {
    out.push(`${path}: unknown type ${node.type}`);
  }
  if (intOrString && node.type !== undefined) out.push(`${path}: int-or-string must not also declare a type`);
  if (node.properties && node.additionalProperties !== undefined) out.push(`${path}: properties and additionalProperties are exclusive`);
  if (node.additionalProperties === true || node.additionalProperties === false) {
    out.push(`${path}: additionalProperties must be a schema`);
  }
  if ((node.properties || node.additionalProperties || node.required) && node.type !== 'object') {
    out.push(`${path}: properties/required on a non-object node`);
  }
  if (node.items && node.type !== 'array') out.push(`${path}: items on a non-array node`);
  if (node.type === 'array' && !node.items) out.push(`${path}: array without items`);
  for (const r of node.required ?? []) {
    if (!node.properties?.[r]) out.push(`${path}: required field ${r} is not declared`);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'not', '$ref', 'default']) {
    if (key in node) out.push(`${path}: ${key} is not used by our CRDs`);
  }
  for (const [k, child] of Object.entries(node.properties ?? {})) out.push(...structuralProblems(child, `${path}.${k}`));
  if (isObject(node.additionalProperties)) out.push(...structuralProblems(node.additionalProperties as SchemaNode, `${path}[*]`));
  if (node.items) out.push(...structuralProblems(node.items, `${path}[]`));
  return out;
}

/** Visit every schema node with its dotted path (`[]` for array items, `{}` for map values). */
export function walkSchema(node: SchemaNode, visit: (node: SchemaNode, path: string) => void, path = ''): void {
  visit(node, path);
  for (const [k, child] of Object.entries(node.properties ?? {})) walkSchema(child, visit, path ? `${path}.${k}` : k);
  if (isObject(node.additionalProperties)) walkSchema(node.additionalProperties as SchemaNode, visit, `${path}.{}`);
  if (node.items) walkSchema(node.items, visit, `${path}[]`);
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Type/required/format errors of `value` against `node` (unknown fields are not errors: they are pruned). */
export function schemaErrors(value: Json, node: SchemaNode, path = ''): string[] {
  const at = path || '<root>';
  if (value === null) return node.nullable ? [] : [`${at}: must not be null`];
  if (node['x-kubernetes-int-or-string']) {
    return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value)) ? [] : [`${at}: must be an integer or a string`];
  }
  const actual = typeOf(value);
  if (node.type !== undefined) {
    const ok = node.type === actual || (node.type === 'number' && actual === 'integer');
    if (!ok) return [`${at}: must be ${node.type}, got ${actual}`];
  }
  const out: string[] = [];
  if (node.enum && !node.enum.some((e) => e === value)) out.push(`${at}: ${JSON.stringify(value)} is not one of ${JSON.stringify(node.enum)}`);
  if (node.format === 'date-time' && typeof value === 'string' && !RFC3339.test(value)) out.push(`${at}: not an RFC3339 date-time`);
  if (Array.isArray(value)) {
    if (node.items) value.forEach((item, i) => out.push(...schemaErrors(item, node.items as SchemaNode, `${path}[${i}]`)));
  } else if (isObject(value)) {
    for (const r of node.required ?? []) if (!(r in value)) out.push(`${at}: missing required field ${r}`);
    for (const [k, v] of Object.entries(value)) {
      const child = node.properties?.[k] ?? (isObject(node.additionalProperties) ? (node.additionalProperties as SchemaNode) : undefined);
      if (child) out.push(...schemaErrors(v, child, path ? `${path}.${k}` : k));
    }
  }
  return out;
}

/** A copy of `value` with every field the schema does not describe removed (apiextensions pruning). */
export function prune(value: Json, node: SchemaNode, isRoot = true): Json {
  if (Array.isArray(value)) return node.items ? value.map((v) => prune(v, node.items as SchemaNode, false)) : value;
  if (!isObject(value)) return value;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value)) {
    // The apiserver handles apiVersion/kind/metadata of the root object itself.
    if (isRoot && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) {
      out[k] = v;
      continue;
    }
    const child = node.properties?.[k] ?? (isObject(node.additionalProperties) ? (node.additionalProperties as SchemaNode) : undefined);
    if (child) out[k] = prune(v, child, false);
    else if (preserve) out[k] = v;
  }
  return out;
}

/** Dotted paths (`[]` for list items, `{}` for map values) of every leaf in `value`, following the schema. */
export function usedSchemaPaths(value: Json, node: SchemaNode, path = '', out = new Set<string>()): Set<string> {
  out.add(path);
  if (node['x-kubernetes-preserve-unknown-fields']) return out;
  if (Array.isArray(value) && node.items) {
    for (const item of value) usedSchemaPaths(item, node.items, `${path}[]`, out);
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      const prop = node.properties?.[k];
      if (prop) usedSchemaPaths(v, prop, path ? `${path}.${k}` : k, out);
      else if (isObject(node.additionalProperties)) usedSchemaPaths(v, node.additionalProperties as SchemaNode, `${path}.{}`, out);
    }
  }
  return out;
}
