// Our CRDs (manifests/crds) and example manifests (test/fixtures): names, scope, subresources,
// printer columns, structural schemas, and — with the self-contained schema model in helpers.ts —
// that every fixture custom resource validates and survives pruning unchanged.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  COVERAGE_DIR,
  CRDS_DIR,
  FIXTURES_DIR,
  MANIFESTS_DIR,
  isObject,
  kustomizationResources,
  loadCrds,
  loadYamlDir,
  prune,
  schemaErrors,
  schemaFor,
  structuralProblems,
  usedSchemaPaths,
  walkSchema,
  type Crd,
  type Json,
  type JsonObject,
  type KubeDoc,
  type LoadedDoc,
  type SchemaNode,
} from './helpers.js';

const crds = loadCrds();
const fixtures = loadYamlDir(FIXTURES_DIR);
const coverage = loadYamlDir(COVERAGE_DIR);
const GROUP = 'argoproj.io';

function crd(name: string): Crd {
  const found = crds.find((c) => c.metadata.name === name);
  if (!found) throw new Error(`CRD ${name} not found`);
  return found;
}

function schemaOf(name: string): SchemaNode {
  const v = crd(name).spec.versions[0];
  if (!v) throw new Error(`CRD ${name} has no version`);
  return v.schema.openAPIV3Schema;
}

function node(schema: SchemaNode, path: string): SchemaNode {
  let found: SchemaNode | undefined;
  walkSchema(schema, (n, p) => {
    if (p === path) found = n;
  });
  if (!found) throw new Error(`no schema node at ${path}`);
  return found;
}

function pathsWhere(schema: SchemaNode, pred: (n: SchemaNode) => boolean): string[] {
  const out: string[] = [];
  walkSchema(schema, (n, p) => {
    if (pred(n)) out.push(p);
  });
  return out.sort();
}

const isCustom = (d: LoadedDoc) => d.doc.apiVersion.startsWith(`${GROUP}/`);
const label = (d: LoadedDoc) => `${d.file}#${d.index} ${d.doc.kind}/${String(d.doc.metadata.name)}`;
const clone = <T>(v: T): T => structuredClone(v);

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
    expect(crds).toHaveLength(5);
  });
});

describe('CRD identity', () => {
  const expected = [
    { name: 'rollouts.argoproj.io', kind: 'Rollout', plural: 'rollouts', singular: 'rollout', short: ['ro'], scope: 'Namespaced' },
    { name: 'analysistemplates.argoproj.io', kind: 'AnalysisTemplate', plural: 'analysistemplates', singular: 'analysistemplate', short: ['at'], scope: 'Namespaced' },
    {
      name: 'clusteranalysistemplates.argoproj.io',
      kind: 'ClusterAnalysisTemplate',
      plural: 'clusteranalysistemplates',
      singular: 'clusteranalysistemplate',
      short: ['cat'],
      scope: 'Cluster',
    },
    { name: 'analysisruns.argoproj.io', kind: 'AnalysisRun', plural: 'analysisruns', singular: 'analysisrun', short: ['ar'], scope: 'Namespaced' },
    { name: 'experiments.argoproj.io', kind: 'Experiment', plural: 'experiments', singular: 'experiment', short: ['exp'], scope: 'Namespaced' },
  ];

  it.each(expected)('$name: names, scope and a single served storage version v1alpha1', (e) => {
    const c = crd(e.name);
    expect(c.apiVersion).toBe('apiextensions.k8s.io/v1');
    expect(c.kind).toBe('CustomResourceDefinition');
    expect(c.spec.group).toBe(GROUP);
    expect(c.spec.scope).toBe(e.scope);
    expect(c.spec.names).toEqual({ kind: e.kind, listKind: `${e.kind}List`, plural: e.plural, singular: e.singular, shortNames: e.short });
    expect(c.metadata.name).toBe(`${c.spec.names.plural}.${c.spec.group}`);
    expect(c.spec.versions.map((v) => [v.name, v.served, v.storage])).toEqual([['v1alpha1', true, true]]);
  });
});

describe('subresources', () => {
  it('Rollout has status and scale (spec.replicas / status.HPAReplicas / status.selector)', () => {
    expect(crd('rollouts.argoproj.io').spec.versions[0]?.subresources).toEqual({
      status: {},
      scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.HPAReplicas', labelSelectorPath: '.status.selector' },
    });
  });

  it.each(['analysistemplates', 'clusteranalysistemplates', 'analysisruns', 'experiments'])(
    '%s has no status subresource (status stays writable through the main resource)',
    (plural) => {
      const sub = crd(`${plural}.${GROUP}`).spec.versions[0]?.subresources;
      expect(sub === undefined || isDeepStrictEqual(sub, {}), JSON.stringify(sub)).toBe(true);
    },
  );
});

describe('printer columns', () => {
  const columns = (name: string) =>
    (crd(name).spec.versions[0]?.additionalPrinterColumns ?? []).map(({ name: n, type, jsonPath }) => ({ name: n, type, jsonPath }));
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

describe('schemas are structural', () => {
  it.each(crds.map((c) => [c.metadata.name, c] as const))('%s', (_name, c) => {
    const schema = c.spec.versions[0]?.schema.openAPIV3Schema;
    expect(schema).toBeDefined();
    if (!schema) return;
    // The brief's rule, spelled out: every node is typed, int-or-string, or preserve-unknown.
    walkSchema(schema, (n, p) => {
      const ok = typeof n.type === 'string' || n['x-kubernetes-int-or-string'] === true || n['x-kubernetes-preserve-unknown-fields'] === true;
      expect(ok, `${c.metadata.name} ${p || '<root>'}`).toBe(true);
    });
    expect(structuralProblems(schema)).toEqual([]);
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

describe('typed vs opaque fields', () => {
  const metricIntOrString = ['count', 'failureLimit', 'inconclusiveLimit', 'consecutiveErrorLimit', 'consecutiveSuccessLimit'].map(
    (f) => `spec.metrics[].${f}`,
  );
  const providers = ['cloudWatch', 'datadog', 'graphite', 'influxdb', 'job.spec', 'kayenta', 'newRelic', 'plugin', 'prometheus', 'skywalking', 'wavefront', 'web'].map(
    (p) => `spec.metrics[].provider.${p}`,
  );

  it('Rollout: int-or-string exactly at maxSurge, maxUnavailable and pause.duration', () => {
    expect(pathsWhere(schemaOf('rollouts.argoproj.io'), (n) => n['x-kubernetes-int-or-string'] === true)).toEqual(
      [
        'spec.strategy.blueGreen.maxUnavailable',
        'spec.strategy.canary.maxSurge',
        'spec.strategy.canary.maxUnavailable',
        'spec.strategy.canary.steps[].pause.duration',
      ].sort(),
    );
  });

  it('Rollout: only the pod template spec, plugin configs and plugin step status are opaque', () => {
    expect(pathsWhere(schemaOf('rollouts.argoproj.io'), (n) => n['x-kubernetes-preserve-unknown-fields'] === true)).toEqual(
      [
        'spec.template.spec',
        'spec.strategy.canary.steps[].plugin.config',
        'spec.strategy.canary.trafficRouting.plugins',
        'status.canary.stepPluginStatuses[].status',
      ].sort(),
    );
  });

  it.each(['analysistemplates', 'clusteranalysistemplates', 'analysisruns'])('%s: metric limits are int-or-string, provider configs opaque', (plural) => {
    const schema = schemaOf(`${plural}.${GROUP}`);
    expect(pathsWhere(schema, (n) => n['x-kubernetes-int-or-string'] === true)).toEqual([...metricIntOrString].sort());
    expect(pathsWhere(schema, (n) => n['x-kubernetes-preserve-unknown-fields'] === true)).toEqual([...providers].sort());
  });

  it('Experiment: only the pod template specs are opaque', () => {
    const schema = schemaOf('experiments.argoproj.io');
    expect(pathsWhere(schema, (n) => n['x-kubernetes-int-or-string'] === true)).toEqual([]);
    expect(pathsWhere(schema, (n) => n['x-kubernetes-preserve-unknown-fields'] === true)).toEqual(['spec.templates[].template.spec']);
  });

  it('the two template kinds share one spec schema', () => {
    expect(schemaOf('clusteranalysistemplates.argoproj.io').properties?.spec).toEqual(schemaOf('analysistemplates.argoproj.io').properties?.spec);
  });

  it('AnalysisRun metrics are the template metrics', () => {
    expect(node(schemaOf('analysisruns.argoproj.io'), 'spec.metrics')).toEqual(node(schemaOf('analysistemplates.argoproj.io'), 'spec.metrics'));
  });

  it('Rollout top-level spec fields are all typed', () => {
    const spec = node(schemaOf('rollouts.argoproj.io'), 'spec');
    expect(Object.keys(spec.properties ?? {}).sort()).toEqual(
      [
        'analysis',
        'minReadySeconds',
        'paused',
        'progressDeadlineAbort',
        'progressDeadlineSeconds',
        'replicas',
        'restartAt',
        'revisionHistoryLimit',
        'rollbackWindow',
        'selector',
        'strategy',
        'template',
        'workloadRef',
      ].sort(),
    );
    expect(Object.keys(node(spec, 'strategy').properties ?? {}).sort()).toEqual(['blueGreen', 'canary']);
    expect(Object.keys(node(spec, 'strategy.canary.steps[]').properties ?? {}).sort()).toEqual(
      ['analysis', 'experiment', 'pause', 'plugin', 'setCanaryScale', 'setHeaderRoute', 'setMirrorRoute', 'setWeight'].sort(),
    );
    expect(Object.keys(node(spec, 'strategy.canary.trafficRouting').properties ?? {}).sort()).toEqual(
      ['alb', 'ambassador', 'apisix', 'appMesh', 'istio', 'managedRoutes', 'maxTrafficWeight', 'nginx', 'plugins', 'smi', 'traefik'].sort(),
    );
    expect(node(spec, 'template.metadata.labels')).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(node(spec, 'template.metadata.annotations')).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
  });

  it('Rollout selector is immutable (CEL transition rule)', () => {
    const rules = node(schemaOf('rollouts.argoproj.io'), 'spec.selector')['x-kubernetes-validations'] ?? [];
    expect(rules.map((r) => r.rule)).toEqual(['self == oldSelf']);
  });

  it('Rollout status models every documented field', () => {
    const status = node(schemaOf('rollouts.argoproj.io'), 'status');
    expect(Object.keys(status.properties ?? {}).sort()).toEqual(
      [
        'HPAReplicas',
        'abort',
        'abortedAt',
        'alb',
        'albs',
        'availableReplicas',
        'blueGreen',
        'canary',
        'collisionCount',
        'conditions',
        'controllerPause',
        'currentPodHash',
        'currentStepHash',
        'currentStepIndex',
        'duration',
        'message',
        'observedGeneration',
        'pauseConditions',
        'phase',
        'promoteFull',
        'readyReplicas',
        'replicas',
        'restartedAt',
        'selector',
        'stableRS',
        'updatedReplicas',
        'workloadObservedGeneration',
      ].sort(),
    );
    expect(node(status, 'observedGeneration').type).toBe('string');
    expect(Object.keys(node(status, 'canary').properties ?? {}).sort()).toEqual(
      ['currentBackgroundAnalysisRunStatus', 'currentExperiment', 'currentStepAnalysisRunStatus', 'stablePingPong', 'stepPluginStatuses', 'weights'].sort(),
    );
    expect(Object.keys(node(status, 'canary.weights').properties ?? {}).sort()).toEqual(['additional', 'canary', 'stable', 'verified']);
    expect(Object.keys(node(status, 'blueGreen').properties ?? {}).sort()).toEqual(
      ['activeSelector', 'postPromotionAnalysisRunStatus', 'prePromotionAnalysisRunStatus', 'previewSelector', 'scaleUpPreviewCheckPoint'].sort(),
    );
    expect(Object.keys(node(status, 'duration').properties ?? {}).sort()).toEqual(
      ['completionStatus', 'finishedAt', 'manualPauseStartedAt', 'rolloutStartedAt', 'totalManualPauseDurationSeconds'].sort(),
    );
  });

  it('AnalysisRun and Experiment status model every documented field', () => {
    const ar = node(schemaOf('analysisruns.argoproj.io'), 'status');
    expect(Object.keys(ar.properties ?? {}).sort()).toEqual(
      ['completedAt', 'dryRunSummary', 'message', 'metricResults', 'phase', 'runSummary', 'startedAt'].sort(),
    );
    expect(Object.keys(node(ar, 'metricResults[]').properties ?? {}).sort()).toEqual(
      [
        'consecutiveError',
        'consecutiveSuccess',
        'count',
        'dryRun',
        'error',
        'failed',
        'inconclusive',
        'measurements',
        'message',
        'metadata',
        'name',
        'phase',
        'successful',
      ].sort(),
    );
    expect(Object.keys(node(ar, 'metricResults[].measurements[]').properties ?? {}).sort()).toEqual(
      ['finishedAt', 'message', 'metadata', 'phase', 'resumeAt', 'startedAt', 'value'].sort(),
    );
    const exp = node(schemaOf('experiments.argoproj.io'), 'status');
    expect(Object.keys(exp.properties ?? {}).sort()).toEqual(['analysisRuns', 'availableAt', 'conditions', 'message', 'phase', 'templateStatuses'].sort());
    expect(Object.keys(node(exp, 'templateStatuses[]').properties ?? {}).sort()).toEqual(
      [
        'availableReplicas',
        'collisionCount',
        'lastTransitionTime',
        'message',
        'name',
        'podTemplateHash',
        'readyReplicas',
        'replicas',
        'serviceName',
        'status',
        'updatedReplicas',
      ].sort(),
    );
  });
});

describe('fixture manifests', () => {
  const all = [...fixtures, ...coverage];

  it('every document is a Kubernetes object', () => {
    expect(fixtures.length).toBeGreaterThan(20);
    for (const d of all) {
      expect(typeof d.doc.apiVersion, label(d)).toBe('string');
      expect(typeof d.doc.kind, label(d)).toBe('string');
      expect(typeof d.doc.metadata?.name, label(d)).toBe('string');
    }
  });

  it('every argoproj.io object has one of our CRDs', () => {
    for (const d of all.filter(isCustom)) expect(schemaFor(crds, d.doc), label(d)).toBeDefined();
  });

  it('object names are unique per kind', () => {
    const seen = new Set<string>();
    for (const d of fixtures) {
      const key = `${d.doc.kind}/${String(d.doc.metadata.name)}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  });

  describe.each(all.filter(isCustom).map((d) => [label(d), d] as const))('%s', (_l, d) => {
    const schema = schemaFor(crds, d.doc) as SchemaNode;

    it('validates without errors', () => {
      expect(schemaErrors(d.doc as Json, schema)).toEqual([]);
    });

    it('is unchanged by pruning (the schema describes every field it uses)', () => {
      const pruned = prune(clone(d.doc) as Json, schema) as JsonObject;
      expect(pruned.spec).toEqual(d.doc.spec);
      expect(pruned.status).toEqual(d.doc.status);
    });
  });

  it('schema-coverage objects use every typed field of every CRD', () => {
    // Kinds whose spec schema is shared (asserted above) count each other's objects.
    const sharedWith: Record<string, string[]> = {
      ClusterAnalysisTemplate: ['AnalysisTemplate'],
      AnalysisRun: ['AnalysisTemplate'],
    };
    for (const c of crds) {
      const schema = c.spec.versions[0]?.schema.openAPIV3Schema as SchemaNode;
      const kinds = [c.spec.names.kind, ...(sharedWith[c.spec.names.kind] ?? [])];
      const used = new Set<string>();
      for (const d of all.filter((x) => kinds.includes(x.doc.kind))) usedSchemaPaths(d.doc as Json, schema, '', used);
      const unused = pathsWhere(schema, () => true).filter((p) => !used.has(p) && p !== 'metadata' && !p.startsWith('metadata.'));
      expect(unused, c.metadata.name).toEqual([]);
    }
  });
});

describe('fixtures exercise the upstream example shapes', () => {
  const rollouts = fixtures.filter((d) => d.doc.kind === 'Rollout');
  const spec = (d: LoadedDoc) => d.doc.spec as JsonObject;
  const canary = (d: LoadedDoc) => ((spec(d).strategy as JsonObject).canary ?? undefined) as JsonObject | undefined;
  const steps = (d: LoadedDoc) => (canary(d)?.steps ?? []) as JsonObject[];
  const some = (pred: (d: LoadedDoc) => boolean) => rollouts.some(pred);

  it('canary with setWeight and pauses with and without duration (string and integer)', () => {
    expect(
      some(
        (d) =>
          steps(d).some((s) => typeof s.setWeight === 'number') &&
          steps(d).some((s) => isDeepStrictEqual(s.pause, {})) &&
          steps(d).some((s) => typeof (s.pause as JsonObject | undefined)?.duration === 'string') &&
          steps(d).some((s) => typeof (s.pause as JsonObject | undefined)?.duration === 'number'),
      ),
    ).toBe(true);
  });

  it('blue-green with active and preview services and manual promotion', () => {
    expect(
      some((d) => {
        const bg = (spec(d).strategy as JsonObject).blueGreen as JsonObject | undefined;
        return !!bg && !!bg.activeService && !!bg.previewService && bg.autoPromotionEnabled === false;
      }),
    ).toBe(true);
  });

  it('rolling update (canary without steps, surge/unavailable)', () => {
    expect(some((d) => !!canary(d) && steps(d).length === 0 && canary(d)?.maxSurge !== undefined && canary(d)?.maxUnavailable !== undefined)).toBe(true);
  });

  it('experiment steps: preview with overridden selector/metadata, baseline vs canary, with analyses', () => {
    const experiments = rollouts.flatMap((d) => steps(d).map((s) => s.experiment as JsonObject | undefined)).filter(isObject);
    const templates = (e: JsonObject) => e.templates as JsonObject[];
    expect(experiments.some((e) => templates(e).some((t) => t.selector && t.metadata))).toBe(true);
    expect(experiments.some((e) => ['stable', 'canary'].every((ref) => templates(e).some((t) => t.specRef === ref)))).toBe(true);
    expect(experiments.some((e) => Array.isArray(e.analyses) && e.analyses.length > 0)).toBe(true);
  });

  it('analysis step (namespaced + cluster template) and background analysis', () => {
    expect(
      some((d) =>
        steps(d).some((s) => ((s.analysis as JsonObject | undefined)?.templates as JsonObject[] | undefined)?.some((t) => t.clusterScope === true) ?? false),
      ),
    ).toBe(true);
    expect(some((d) => isObject(canary(d)?.analysis))).toBe(true);
  });

  it('workloadRef rollouts with their Deployment in the same file', () => {
    const refs = rollouts.filter((d) => isObject(spec(d).workloadRef));
    expect(refs.length).toBeGreaterThanOrEqual(2);
    for (const d of refs) {
      const ref = spec(d).workloadRef as JsonObject;
      expect(spec(d).template, label(d)).toBeUndefined();
      expect(
        fixtures.some((x) => x.file === d.file && x.doc.kind === ref.kind && x.doc.apiVersion === ref.apiVersion && x.doc.metadata.name === ref.name),
        label(d),
      ).toBe(true);
    }
  });

  it('istio subset split and SMI traffic routing', () => {
    const routing = (d: LoadedDoc) => (canary(d)?.trafficRouting ?? {}) as JsonObject;
    expect(some((d) => isObject((routing(d).istio as JsonObject | undefined)?.destinationRule))).toBe(true);
    expect(some((d) => isObject(routing(d).smi))).toBe(true);
  });

  it('analysis templates with job, prometheus and web providers; a cluster template; an Experiment with analyses', () => {
    const providers = new Set(
      fixtures
        .filter((d) => d.doc.kind === 'AnalysisTemplate')
        .flatMap((d) => (spec(d).metrics as JsonObject[]).flatMap((m) => Object.keys(m.provider as JsonObject))),
    );
    expect([...providers]).toEqual(expect.arrayContaining(['job', 'prometheus', 'web']));
    expect(fixtures.some((d) => d.doc.kind === 'ClusterAnalysisTemplate')).toBe(true);
    expect(fixtures.some((d) => d.doc.kind === 'Experiment' && Array.isArray(spec(d).analyses))).toBe(true);
  });

  it('every Service a Rollout references is defined in the same file', () => {
    const serviceFields = ['activeService', 'previewService', 'canaryService', 'stableService'];
    for (const d of rollouts) {
      const strategy = spec(d).strategy as JsonObject;
      const s = (strategy.canary ?? strategy.blueGreen) as JsonObject;
      const names = serviceFields.map((f) => s[f]).filter((v): v is string => typeof v === 'string');
      const smi = ((s.trafficRouting as JsonObject | undefined)?.smi as JsonObject | undefined)?.rootService;
      if (typeof smi === 'string') names.push(smi);
      for (const n of names) {
        expect(fixtures.some((x) => x.file === d.file && x.doc.kind === 'Service' && x.doc.metadata.name === n), `${label(d)} -> Service ${n}`).toBe(true);
      }
    }
  });

  it('every analysis template a Rollout or Experiment references exists in the fixtures', () => {
    const refs: { from: string; name: string; cluster: boolean }[] = [];
    const collect = (from: string, v: Json) => {
      if (Array.isArray(v)) v.forEach((x) => collect(from, x));
      else if (isObject(v)) {
        if (typeof v.templateName === 'string') refs.push({ from, name: v.templateName, cluster: v.clusterScope === true });
        Object.values(v).forEach((x) => collect(from, x));
      }
    };
    for (const d of fixtures.filter((x) => x.doc.kind === 'Rollout' || x.doc.kind === 'Experiment')) collect(label(d), d.doc.spec as Json);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) {
      const kind = r.cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      expect(fixtures.some((x) => x.doc.kind === kind && x.doc.metadata.name === r.name), `${r.from} -> ${kind} ${r.name}`).toBe(true);
    }
  });

  it('selectors match their pod template labels', () => {
    const check = (where: string, selector: JsonObject | undefined, template: JsonObject | undefined) => {
      const want = (selector?.matchLabels ?? {}) as JsonObject;
      const have = ((template?.metadata as JsonObject | undefined)?.labels ?? {}) as JsonObject;
      for (const [k, v] of Object.entries(want)) expect(have[k], `${where}: ${k}`).toBe(v);
    };
    for (const d of fixtures) {
      if (['Rollout', 'Deployment'].includes(d.doc.kind) && spec(d).template) {
        check(label(d), spec(d).selector as JsonObject, spec(d).template as JsonObject);
      }
      if (d.doc.kind === 'Experiment') {
        for (const t of spec(d).templates as JsonObject[]) check(`${label(d)} ${String(t.name)}`, t.selector as JsonObject, t.template as JsonObject);
      }
    }
  });

  it('uses our own images only', () => {
    const images: string[] = [];
    const collect = (v: Json) => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (isObject(v)) {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'image' && typeof x === 'string') images.push(x);
          else collect(x);
        }
      }
    };
    for (const d of [...fixtures, ...coverage]) collect(d.doc as Json);
    expect(images.length).toBeGreaterThan(0);
    for (const i of images) expect(i).toMatch(/^(nginx:1\.25|busybox:1\.36|registry\.example\/[\w./-]+:[\w.-]+)$/);
  });
});

describe('the schemas reject and prune what upstream would', () => {
  const rolloutSchema = schemaOf('rollouts.argoproj.io');
  type RolloutDoc = KubeDoc & { spec: JsonObject; status?: Json };
  const base = (): RolloutDoc => {
    const found = fixtures.find((d) => d.doc.metadata.name === 'storefront-canary' && d.doc.kind === 'Rollout');
    if (!found) throw new Error('storefront-canary fixture missing');
    return clone(found.doc) as RolloutDoc;
  };

  it('wrong types are errors', () => {
    const r = base();
    r.spec.replicas = '4';
    const canary = (r.spec.strategy as JsonObject).canary as JsonObject;
    (canary.steps as JsonObject[])[0] = { setWeight: 'ten' };
    canary.maxSurge = true;
    canary.maxUnavailable = 1.5;
    expect(schemaErrors(r, rolloutSchema)).toEqual([
      'spec.replicas: must be integer, got string',
      'spec.strategy.canary.steps[0].setWeight: must be integer, got string',
      'spec.strategy.canary.maxSurge: must be an integer or a string',
      'spec.strategy.canary.maxUnavailable: must be an integer or a string',
    ]);
  });

  it('missing required fields are errors', () => {
    const r = base();
    r.spec.strategy = { blueGreen: { previewService: 'x' } };
    expect(schemaErrors(r, rolloutSchema)).toEqual(['spec.strategy.blueGreen: missing required field activeService']);
    const { spec: _spec, ...withoutSpec } = r;
    expect(schemaErrors(withoutSpec, rolloutSchema)).toEqual(['<root>: missing required field spec']);
  });

  it('unknown spec and status fields are pruned; opaque subtrees are kept', () => {
    const r = base();
    const canary = (r.spec.strategy as JsonObject).canary as JsonObject;
    canary.stepz = [{ setWeight: 1 }];
    (canary.steps as JsonObject[])[0] = { setWeight: 25, bogus: true };
    ((r.spec.template as JsonObject).spec as JsonObject).futurePodField = { anything: [1, 'a'] };
    ((r.spec.template as JsonObject).metadata as JsonObject).name = 'dropped';
    r.status = { phase: 'Healthy', invented: 'x', canary: { weights: { canary: { weight: 1, extra: 2 } } } };
    const pruned = prune(r, rolloutSchema) as RolloutDoc;
    const prunedCanary = (pruned.spec.strategy as JsonObject).canary as JsonObject;
    expect(prunedCanary.stepz).toBeUndefined();
    expect((prunedCanary.steps as JsonObject[])[0]).toEqual({ setWeight: 25 });
    expect(((pruned.spec.template as JsonObject).spec as JsonObject).futurePodField).toEqual({ anything: [1, 'a'] });
    expect((pruned.spec.template as JsonObject).metadata).toEqual({ labels: { 'app.kubernetes.io/name': 'storefront-canary' } });
    expect(pruned.status).toEqual({ phase: 'Healthy', canary: { weights: { canary: { weight: 1 } } } });
  });

  it('unknown metric providers are pruned, provider configs are kept', () => {
    const schema = schemaOf('analysistemplates.argoproj.io');
    const t = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 't' },
      spec: { metrics: [{ name: 'm', count: '3', provider: { web: { url: 'http://x', anything: { deep: true } }, madeUp: { a: 1 } } }] },
    } satisfies JsonObject;
    expect(schemaErrors(t, schema)).toEqual([]);
    expect((prune(t, schema) as typeof t).spec.metrics[0]?.provider).toEqual({ web: { url: 'http://x', anything: { deep: true } } });
  });
});
