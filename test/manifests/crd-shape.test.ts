// Our CRDs (manifests/crds): how they are installed, names, scope, subresources (also as the devcluster
// serves them), printer columns, and that their schemas are structural (src/devcluster/schema's check)
// and follow our own house rules. Field-level schema content is in crd-fields.test.ts.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/devcluster/api/object-meta.js';
import { resourceDefsForCrd } from '../../src/devcluster/kinds/crd.js';
import { checkStructural, type JSONSchemaProps } from '../../src/devcluster/schema/index.js';
import {
  CRDS_DIR,
  GROUP,
  MANIFESTS_DIR,
  crdNamed,
  crdSchema,
  kustomizationResources,
  loadCrds,
  walkSchema,
} from './helpers.js';

const crds = loadCrds();
const crd = (name: string) => crdNamed(crds, name);

describe('kustomizations', () => {
  it('manifests/ installs every CRD file (listed as files, which old kustomize requires)', () => {
    const onDisk = readdirSync(CRDS_DIR)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .map((f) => join(CRDS_DIR, f));
    expect([...kustomizationResources(MANIFESTS_DIR)].sort()).toEqual(onDisk.sort());
  });

  it('crds/kustomization.yaml lists every CRD file, and only existing files', () => {
    const listed = kustomizationResources(CRDS_DIR);
    for (const f of listed) expect(existsSync(f), f).toBe(true);
    const onDisk = readdirSync(CRDS_DIR)
      .filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml')
      .map((f) => join(CRDS_DIR, f));
    expect([...listed].sort()).toEqual(onDisk.sort());
    expect(crds).toHaveLength(7);
  });
});

describe('CRD identity', () => {
  const expected = [
    {
      name: 'rollouts.argoproj.io',
      kind: 'Rollout',
      plural: 'rollouts',
      singular: 'rollout',
      short: ['ro'],
      scope: 'Namespaced',
    },
    {
      name: 'analysistemplates.argoproj.io',
      kind: 'AnalysisTemplate',
      plural: 'analysistemplates',
      singular: 'analysistemplate',
      short: ['at'],
      scope: 'Namespaced',
    },
    {
      name: 'clusteranalysistemplates.argoproj.io',
      kind: 'ClusterAnalysisTemplate',
      plural: 'clusteranalysistemplates',
      singular: 'clusteranalysistemplate',
      short: ['cat'],
      scope: 'Cluster',
    },
    {
      name: 'analysisruns.argoproj.io',
      kind: 'AnalysisRun',
      plural: 'analysisruns',
      singular: 'analysisrun',
      short: ['ar'],
      scope: 'Namespaced',
    },
    {
      name: 'experiments.argoproj.io',
      kind: 'Experiment',
      plural: 'experiments',
      singular: 'experiment',
      short: ['exp'],
      scope: 'Namespaced',
    },
  ];

  it.each(expected)('$name: names, scope and a single served storage version v1alpha1', (e) => {
    const c = crd(e.name);
    expect(c.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(c.kind).toBe('CustomResourceDefinition');
    expect(c.spec.group).toBe(GROUP);
    expect(c.spec.scope).toBe(e.scope);
    expect(c.spec.names).toEqual({
      kind: e.kind,
      listKind: `${e.kind}List`,
      plural: e.plural,
      singular: e.singular,
      shortNames: e.short,
    });
    expect(c.metadata.name).toBe(`${c.spec.names.plural}.${c.spec.group}`);
    expect(c.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([
      ['v1alpha1', true, true],
    ]);
  });
});

describe('subresources', () => {
  it('Rollout has status and scale (spec.replicas / status.HPAReplicas / status.selector)', () => {
    expect(crd('rollouts.argoproj.io').spec.versions[0]?.subresources).toEqual({
      status: {},
      scale: {
        specReplicasPath: '.spec.replicas',
        statusReplicasPath: '.status.HPAReplicas',
        labelSelectorPath: '.status.selector',
      },
    });
  });

  it.each(['analysistemplates', 'clusteranalysistemplates', 'analysisruns', 'experiments'])(
    '%s has no status subresource (status stays writable through the main resource)',
    (plural) => {
      const sub = crd(`${plural}.${GROUP}`).spec.versions[0]?.subresources;
      expect(sub === undefined || isDeepStrictEqual(sub, {}), JSON.stringify(sub)).toBe(true);
    },
  );

  it('the devcluster serves the resources with that scope and those subresources', () => {
    const defs = crds.flatMap((c) =>
      resourceDefsForCrd(structuredClone(c) as unknown as KubeObject),
    );
    const summary = defs.map((d) => ({
      plural: d.plural,
      namespaced: d.namespaced,
      status: d.statusSubresource,
      scale: d.scale ?? null,
    }));
    expect(summary).toEqual([
      {
        plural: 'rollouts',
        namespaced: true,
        status: true,
        scale: {
          specReplicasPath: '.spec.replicas',
          statusReplicasPath: '.status.HPAReplicas',
          labelSelectorPath: '.status.selector',
        },
      },
      { plural: 'analysistemplates', namespaced: true, status: false, scale: null },
      { plural: 'clusteranalysistemplates', namespaced: false, status: false, scale: null },
      { plural: 'analysisruns', namespaced: true, status: false, scale: null },
      { plural: 'experiments', namespaced: true, status: false, scale: null },
      { plural: 'releases', namespaced: true, status: true, scale: null },
      { plural: 'stopswitches', namespaced: true, status: false, scale: null },
    ]);
  });
});

describe('printer columns', () => {
  const columns = (name: string) =>
    (crd(name).spec.versions[0]?.additionalPrinterColumns ?? []).map(
      ({ name: n, type, jsonPath }) => ({ name: n, type, jsonPath }),
    );
  const age = { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' };

  it('Rollout: Desired, Current, Up-to-date, Available, Age', () => {
    expect(columns('rollouts.argoproj.io')).toEqual([
      { name: 'Desired', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Current', type: 'integer', jsonPath: '.status.replicas' },
      { name: 'Up-to-date', type: 'integer', jsonPath: '.status.updatedReplicas' },
      { name: 'Available', type: 'integer', jsonPath: '.status.availableReplicas' },
      age,
    ]);
  });

  it('AnalysisRun and Experiment: Status, Age; templates: Age', () => {
    const status = { name: 'Status', type: 'string', jsonPath: '.status.phase' };
    expect(columns('analysisruns.argoproj.io')).toEqual([status, age]);
    expect(columns('experiments.argoproj.io')).toEqual([status, age]);
    expect(columns('analysistemplates.argoproj.io')).toEqual([age]);
    expect(columns('clusteranalysistemplates.argoproj.io')).toEqual([age]);
  });

  it('every column has a description', () => {
    for (const c of crds) {
      for (const col of c.spec.versions[0]?.additionalPrinterColumns ?? []) {
        expect(col.description, `${c.metadata.name} ${col.name}`).toMatch(/\w/);
      }
    }
  });
});

/**
 * Our own rules on top of the apiserver's, so the schemas stay plain to read and prune: every node is typed,
 * int-or-string (without a type) or preserve-unknown; no junctors, $ref or defaults; additionalProperties only
 * as the value schema of a map; object keywords only on objects, items only on arrays; required fields declared.
 */
function houseRuleViolations(schema: JSONSchemaProps): string[] {
  const out: string[] = [];
  walkSchema(schema, (n, p) => {
    const at = p || '<root>';
    const intOrString = n['x-kubernetes-int-or-string'] === true;
    if (n.type === undefined && !intOrString && n['x-kubernetes-preserve-unknown-fields'] !== true)
      out.push(`${at}: untyped`);
    if (intOrString && n.type !== undefined) out.push(`${at}: int-or-string with a type`);
    for (const key of ['allOf', 'anyOf', 'oneOf', 'not', '$ref', 'default'])
      if (key in n) out.push(`${at}: uses ${key}`);
    if (typeof n.additionalProperties === 'boolean' || (n.additionalProperties && n.properties))
      out.push(`${at}: additionalProperties is not a map schema`);
    if ((n.properties || n.additionalProperties || n.required) && n.type !== 'object')
      out.push(`${at}: object keywords on a non-object`);
    if (n.items && n.type !== 'array') out.push(`${at}: items on a non-array`);
    for (const r of n.required ?? [])
      if (!n.properties?.[r]) out.push(`${at}: required field ${r} is not declared`);
  });
  return out;
}

/**
 * The fields of apiextensions' JSONSchemaProps a schema node may carry. A real API server decodes a CRD
 * strictly (kubectl sends fieldValidation=Strict) and refuses any other key; the devcluster does not
 * check, so an unquoted `description: a, b` in a YAML flow map (which adds a key `b`) once passed here
 * and failed on kube-apiserver.
 */
const SCHEMA_KEYS = new Set([
  ...'type description title properties additionalProperties items required enum nullable default format'.split(
    ' ',
  ),
  ...'minimum maximum exclusiveMinimum exclusiveMaximum minLength maxLength pattern minItems maxItems'.split(
    ' ',
  ),
  ...'minProperties maxProperties uniqueItems multipleOf anyOf oneOf allOf not example externalDocs'.split(
    ' ',
  ),
  ...'x-kubernetes-preserve-unknown-fields x-kubernetes-int-or-string x-kubernetes-embedded-resource'.split(
    ' ',
  ),
  ...'x-kubernetes-list-type x-kubernetes-list-map-keys x-kubernetes-map-type x-kubernetes-validations'.split(
    ' ',
  ),
]);

describe('schemas carry only JSONSchemaProps fields (a real API server refuses others)', () => {
  it.each(crds.map((c) => [c.metadata.name, c] as const))('%s', (_name, c) => {
    const unknown: string[] = [];
    walkSchema(crdSchema(c), (node, path) => {
      for (const key of Object.keys(node))
        if (!SCHEMA_KEYS.has(key)) unknown.push(`${path}: ${key}`);
    });
    expect(unknown).toEqual([]);
  });
});

describe('schemas are structural', () => {
  it.each(crds.map((c) => [c.metadata.name, c] as const))('%s', (_name, c) => {
    const schema = crdSchema(c);
    expect(checkStructural(schema)).toEqual([]);
    expect(houseRuleViolations(schema)).toEqual([]);
    expect(schema.type).toBe('object');
    expect(schema.properties?.apiVersion).toEqual({ type: 'string' });
    expect(schema.properties?.kind).toEqual({ type: 'string' });
    expect(schema.properties?.metadata).toEqual({ type: 'object' });
    expect(schema.required).toEqual(['spec']);
    // Nothing above the opaque subtrees preserves unknown fields, so typos are pruned.
    expect(schema['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
    expect(schema.properties?.spec?.['x-kubernetes-preserve-unknown-fields']).toBeUndefined();
  });
});
