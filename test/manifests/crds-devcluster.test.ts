// Our CRDs and fixtures through the devcluster's own apiextensions model (src/devcluster/schema):
// the schemas are structural, every fixture custom resource validates with zero errors, and
// pruning leaves the fixtures' spec and status unchanged (so the schemas describe every field used).
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../src/devcluster/api/object-meta.js';
import { resourceDefsForCrd } from '../../src/devcluster/kinds/crd.js';
import { checkStructural, pruneUnknownFields, validateAgainstSchema, type JSONSchemaProps } from '../../src/devcluster/schema/index.js';
import { COVERAGE_DIR, FIXTURES_DIR, loadCrds, loadYamlDir, schemaFor, type JsonObject, type LoadedDoc } from './helpers.js';

const crds = loadCrds();
const docs = [...loadYamlDir(FIXTURES_DIR), ...loadYamlDir(COVERAGE_DIR)].filter((d) => d.doc.apiVersion.startsWith('argoproj.io/'));
const label = (d: LoadedDoc) => `${d.file}#${d.index} ${d.doc.kind}/${String(d.doc.metadata.name)}`;
const schemaOf = (d: LoadedDoc) => schemaFor(crds, d.doc) as JSONSchemaProps;
const rolloutSchema = crds.find((c) => c.spec.names.kind === 'Rollout')?.spec.versions[0]?.schema.openAPIV3Schema as JSONSchemaProps;
const storefront = () => {
  const d = docs.find((x) => x.doc.kind === 'Rollout' && x.doc.metadata.name === 'storefront-canary');
  if (!d) throw new Error('storefront-canary fixture missing');
  return structuredClone(d.doc) as unknown as JsonObject & { spec: JsonObject };
};

describe('devcluster accepts our CRDs', () => {
  it.each(crds.map((c) => [c.metadata.name, c] as const))('%s has a structural schema', (_n, c) => {
    expect(checkStructural(c.spec.versions[0]?.schema.openAPIV3Schema as JSONSchemaProps)).toEqual([]);
  });

  it('serves the resources with the expected scope and subresources', () => {
    const defs = crds.flatMap((c) => resourceDefsForCrd(structuredClone(c) as unknown as KubeObject));
    const summary = defs.map((d) => ({ plural: d.plural, namespaced: d.namespaced, status: d.statusSubresource, scale: d.scale ?? null }));
    expect(summary).toEqual([
      {
        plural: 'rollouts',
        namespaced: true,
        status: true,
        scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.HPAReplicas', labelSelectorPath: '.status.selector' },
      },
      { plural: 'analysistemplates', namespaced: true, status: false, scale: null },
      { plural: 'clusteranalysistemplates', namespaced: false, status: false, scale: null },
      { plural: 'analysisruns', namespaced: true, status: false, scale: null },
      { plural: 'experiments', namespaced: true, status: false, scale: null },
    ]);
  });
});

describe.each(docs.map((d) => [label(d), d] as const))('%s', (_l, d) => {
  it('validates with zero errors', () => {
    expect(validateAgainstSchema(d.doc, schemaOf(d))).toEqual([]);
  });

  it('keeps spec and status unchanged when pruned', () => {
    const pruned = pruneUnknownFields(structuredClone(d.doc), schemaOf(d)) as JsonObject;
    expect(pruned.spec).toEqual(d.doc.spec);
    expect(pruned.status).toEqual(d.doc.status);
  });
});

describe('devcluster enforces the Rollout schema', () => {
  it('reports wrong types', () => {
    const r = storefront();
    r.spec.replicas = 'four';
    const canary = (r.spec.strategy as JsonObject).canary as JsonObject;
    canary.maxSurge = { percent: 25 };
    const fields = validateAgainstSchema(r, rolloutSchema).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['spec.replicas', 'spec.strategy.canary.maxSurge']));
  });

  it('accepts int-or-string values both ways', () => {
    const r = storefront();
    const canary = (r.spec.strategy as JsonObject).canary as JsonObject;
    canary.maxSurge = '50%';
    canary.maxUnavailable = 0;
    canary.steps = [{ pause: { duration: '1h' } }, { pause: { duration: 10 } }];
    expect(validateAgainstSchema(r, rolloutSchema)).toEqual([]);
  });

  it('prunes unknown spec and status fields but keeps the opaque pod spec', () => {
    const r = storefront();
    (r.spec.strategy as JsonObject).typo = true;
    ((r.spec.template as JsonObject).spec as JsonObject).futurePodField = 'kept';
    r.status = { phase: 'Healthy', inventedField: 1 };
    const pruned = pruneUnknownFields(r, rolloutSchema) as JsonObject & { spec: JsonObject };
    expect((pruned.spec.strategy as JsonObject).typo).toBeUndefined();
    expect(((pruned.spec.template as JsonObject).spec as JsonObject).futurePodField).toBe('kept');
    expect(pruned.status).toEqual({ phase: 'Healthy' });
  });

  it('refuses to change the selector of an existing Rollout', () => {
    const old = storefront();
    const changed = storefront();
    changed.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'something-else' } };
    expect(validateAgainstSchema(changed, rolloutSchema, { oldObj: old }).map((e) => e.field)).toContain('spec.selector');
    expect(validateAgainstSchema(storefront(), rolloutSchema, { oldObj: old })).toEqual([]);
  });
});
