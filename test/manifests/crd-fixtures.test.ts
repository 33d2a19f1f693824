// Our example manifests (test/fixtures) against our CRDs, through the devcluster's apiextensions model
// (src/devcluster/schema): every custom resource validates and survives pruning unchanged, the schema-coverage
// objects use every typed field, the fixtures cover the upstream example shapes, and the schemas reject and
// prune what the apiserver would.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  formatFieldError,
  pruneUnknownFields,
  validateAgainstSchema,
  type JSONSchemaProps,
} from '../../src/devcluster/schema/index.js';
import {
  COVERAGE_DIR,
  FIXTURES_DIR,
  crdNamed,
  crdSchema,
  isCustom,
  isObject,
  label,
  loadCrds,
  loadYamlDir,
  pathsWhere,
  schemaFor,
  usedSchemaPaths,
  type Json,
  type JsonObject,
  type KubeDoc,
  type LoadedDoc,
} from './helpers.js';

const crds = loadCrds();
const fixtures = loadYamlDir(FIXTURES_DIR);
const coverage = loadYamlDir(COVERAGE_DIR);
const schemaOf = (name: string) => crdSchema(crdNamed(crds, name));
const clone = <T>(v: T): T => structuredClone(v);
/** Validation errors as the apiserver prints them. */
const errors = (obj: unknown, schema: JSONSchemaProps, oldObj?: unknown) =>
  validateAgainstSchema(obj, schema, oldObj === undefined ? {} : { oldObj }).map(formatFieldError);

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
    const schema = schemaFor(crds, d.doc) as JSONSchemaProps;

    it('validates without errors', () => {
      expect(errors(d.doc, schema)).toEqual([]);
    });

    it('is unchanged by pruning (the schema describes every field it uses)', () => {
      const pruned = pruneUnknownFields(clone(d.doc), schema) as JsonObject;
      expect(pruned.spec).toEqual(d.doc.spec);
      expect(pruned.status).toEqual(d.doc.status);
    });
  });

  it('schema-coverage objects use every typed field of every CRD', () => {
    // Kinds whose spec schema is shared (asserted in crd-fields.test.ts) count each other's objects.
    const sharedWith: Record<string, string[]> = {
      ClusterAnalysisTemplate: ['AnalysisTemplate'],
      AnalysisRun: ['AnalysisTemplate'],
    };
    for (const c of crds) {
      const schema = crdSchema(c);
      const kinds = [c.spec.names.kind, ...(sharedWith[c.spec.names.kind] ?? [])];
      const used = new Set<string>();
      for (const d of all.filter((x) => kinds.includes(x.doc.kind)))
        usedSchemaPaths(d.doc as Json, schema, '', used);
      const unused = pathsWhere(schema, () => true).filter(
        (p) => !used.has(p) && p !== 'metadata' && !p.startsWith('metadata.'),
      );
      expect(unused, c.metadata.name).toEqual([]);
    }
  });
});

describe('fixtures exercise the upstream example shapes', () => {
  const rollouts = fixtures.filter((d) => d.doc.kind === 'Rollout');
  const spec = (d: LoadedDoc) => d.doc.spec as JsonObject;
  const canary = (d: LoadedDoc) =>
    ((spec(d).strategy as JsonObject).canary ?? undefined) as JsonObject | undefined;
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
        return (
          !!bg && !!bg.activeService && !!bg.previewService && bg.autoPromotionEnabled === false
        );
      }),
    ).toBe(true);
  });

  it('rolling update (canary without steps, surge/unavailable)', () => {
    expect(
      some(
        (d) =>
          !!canary(d) &&
          steps(d).length === 0 &&
          canary(d)?.maxSurge !== undefined &&
          canary(d)?.maxUnavailable !== undefined,
      ),
    ).toBe(true);
  });

  it('experiment steps: preview with overridden selector/metadata, baseline vs canary, with analyses', () => {
    const experiments = rollouts
      .flatMap((d) => steps(d).map((s) => s.experiment as JsonObject | undefined))
      .filter(isObject);
    const templates = (e: JsonObject) => e.templates as JsonObject[];
    expect(experiments.some((e) => templates(e).some((t) => t.selector && t.metadata))).toBe(true);
    expect(
      experiments.some((e) =>
        ['stable', 'canary'].every((ref) => templates(e).some((t) => t.specRef === ref)),
      ),
    ).toBe(true);
    expect(experiments.some((e) => Array.isArray(e.analyses) && e.analyses.length > 0)).toBe(true);
  });

  it('analysis step (namespaced + cluster template) and background analysis', () => {
    expect(
      some((d) =>
        steps(d).some(
          (s) =>
            ((s.analysis as JsonObject | undefined)?.templates as JsonObject[] | undefined)?.some(
              (t) => t.clusterScope === true,
            ) ?? false,
        ),
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
        fixtures.some(
          (x) =>
            x.file === d.file &&
            x.doc.kind === ref.kind &&
            x.doc.apiVersion === ref.apiVersion &&
            x.doc.metadata.name === ref.name,
        ),
        label(d),
      ).toBe(true);
    }
  });

  it('istio subset split and SMI traffic routing', () => {
    const routing = (d: LoadedDoc) => (canary(d)?.trafficRouting ?? {}) as JsonObject;
    expect(
      some((d) => isObject((routing(d).istio as JsonObject | undefined)?.destinationRule)),
    ).toBe(true);
    expect(some((d) => isObject(routing(d).smi))).toBe(true);
  });

  it('analysis templates with job, prometheus and web providers; a cluster template; an Experiment with analyses', () => {
    const providers = new Set(
      fixtures
        .filter((d) => d.doc.kind === 'AnalysisTemplate')
        .flatMap((d) =>
          (spec(d).metrics as JsonObject[]).flatMap((m) => Object.keys(m.provider as JsonObject)),
        ),
    );
    expect([...providers]).toEqual(expect.arrayContaining(['job', 'prometheus', 'web']));
    expect(fixtures.some((d) => d.doc.kind === 'ClusterAnalysisTemplate')).toBe(true);
    expect(
      fixtures.some((d) => d.doc.kind === 'Experiment' && Array.isArray(spec(d).analyses)),
    ).toBe(true);
  });

  it('every Service a Rollout references is defined in the same file', () => {
    const serviceFields = ['activeService', 'previewService', 'canaryService', 'stableService'];
    for (const d of rollouts) {
      const strategy = spec(d).strategy as JsonObject;
      const s = (strategy.canary ?? strategy.blueGreen) as JsonObject;
      const names = serviceFields
        .map((f) => s[f])
        .filter((v): v is string => typeof v === 'string');
      const smi = ((s.trafficRouting as JsonObject | undefined)?.smi as JsonObject | undefined)
        ?.rootService;
      if (typeof smi === 'string') names.push(smi);
      for (const n of names) {
        expect(
          fixtures.some(
            (x) => x.file === d.file && x.doc.kind === 'Service' && x.doc.metadata.name === n,
          ),
          `${label(d)} -> Service ${n}`,
        ).toBe(true);
      }
    }
  });

  it('every analysis template a Rollout or Experiment references exists in the fixtures', () => {
    const refs: { from: string; name: string; cluster: boolean }[] = [];
    const collect = (from: string, v: Json) => {
      if (Array.isArray(v)) v.forEach((x) => collect(from, x));
      else if (isObject(v)) {
        if (typeof v.templateName === 'string')
          refs.push({ from, name: v.templateName, cluster: v.clusterScope === true });
        Object.values(v).forEach((x) => collect(from, x));
      }
    };
    for (const d of fixtures.filter((x) => x.doc.kind === 'Rollout' || x.doc.kind === 'Experiment'))
      collect(label(d), d.doc.spec as Json);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) {
      const kind = r.cluster ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
      expect(
        fixtures.some((x) => x.doc.kind === kind && x.doc.metadata.name === r.name),
        `${r.from} -> ${kind} ${r.name}`,
      ).toBe(true);
    }
  });

  it('selectors match their pod template labels', () => {
    const check = (
      where: string,
      selector: JsonObject | undefined,
      template: JsonObject | undefined,
    ) => {
      const want = (selector?.matchLabels ?? {}) as JsonObject;
      const have = ((template?.metadata as JsonObject | undefined)?.labels ?? {}) as JsonObject;
      for (const [k, v] of Object.entries(want)) expect(have[k], `${where}: ${k}`).toBe(v);
    };
    for (const d of fixtures) {
      if (['Rollout', 'Deployment'].includes(d.doc.kind) && spec(d).template) {
        check(label(d), spec(d).selector as JsonObject, spec(d).template as JsonObject);
      }
      if (d.doc.kind === 'Experiment') {
        for (const t of spec(d).templates as JsonObject[])
          check(
            `${label(d)} ${String(t.name)}`,
            t.selector as JsonObject,
            t.template as JsonObject,
          );
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
    // busybox:bad is the devcluster's never-pulling image (job-inconclusive), by its `bad` tag convention.
    for (const i of images)
      expect(i).toMatch(/^(nginx:1\.25|busybox:(1\.36|bad)|registry\.example\/[\w./-]+:[\w.-]+)$/);
  });
});

describe('the schemas reject and prune what the apiserver would', () => {
  const rolloutSchema = schemaOf('rollouts.argoproj.io');
  type RolloutDoc = KubeDoc & { spec: JsonObject; status?: Json };
  const base = (): RolloutDoc => {
    const found = fixtures.find(
      (d) => d.doc.metadata.name === 'storefront-canary' && d.doc.kind === 'Rollout',
    );
    if (!found) throw new Error('storefront-canary fixture missing');
    return clone(found.doc) as RolloutDoc;
  };
  const canaryOf = (r: RolloutDoc) => (r.spec.strategy as JsonObject).canary as JsonObject;

  it('wrong types are errors', () => {
    const r = base();
    r.spec.replicas = '4';
    const canary = canaryOf(r);
    (canary.steps as JsonObject[])[0] = { setWeight: 'ten' };
    (canary.steps as JsonObject[])[1] = { pause: { duration: { seconds: 5 } } };
    canary.maxSurge = true;
    canary.maxUnavailable = 1.5;
    expect(errors(r, rolloutSchema)).toEqual([
      'spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"',
      'spec.strategy.canary.maxSurge: Invalid value: "boolean": spec.strategy.canary.maxSurge in body must be of type integer,string: "boolean"',
      'spec.strategy.canary.maxUnavailable: Invalid value: "number": spec.strategy.canary.maxUnavailable in body must be of type integer,string: "number"',
      'spec.strategy.canary.steps[0].setWeight: Invalid value: "string": spec.strategy.canary.steps[0].setWeight in body must be of type integer: "string"',
      'spec.strategy.canary.steps[1].pause.duration: Invalid value: "object": spec.strategy.canary.steps[1].pause.duration in body must be of type integer,string: "object"',
    ]);
  });

  it('int-or-string fields accept both integers and strings', () => {
    const r = base();
    const canary = canaryOf(r);
    canary.maxSurge = '50%';
    canary.maxUnavailable = 0;
    canary.steps = [{ pause: { duration: '1h' } }, { pause: { duration: 10 } }];
    expect(errors(r, rolloutSchema)).toEqual([]);
  });

  it('missing required fields are errors', () => {
    const r = base();
    r.spec.strategy = { blueGreen: { previewService: 'x' } };
    expect(errors(r, rolloutSchema)).toEqual([
      'spec.strategy.blueGreen.activeService: Required value',
    ]);
    const { spec: _spec, ...withoutSpec } = r;
    expect(errors(withoutSpec, rolloutSchema)).toEqual(['spec: Required value']);
  });

  it('the selector of an existing Rollout cannot change (transition rule)', () => {
    const old = base();
    const changed = base();
    changed.spec.selector = { matchLabels: { 'app.kubernetes.io/name': 'something-else' } };
    // kube-apiserver 1.37 prints a CEL rule's failure without the value (test/conformance/api-semantics.test.ts).
    expect(errors(changed, rolloutSchema, old)).toEqual([
      'spec.selector: Invalid value: the rollout selector cannot be changed',
    ]);
    expect(errors(base(), rolloutSchema, old)).toEqual([]);
  });

  it('unknown spec and status fields are pruned; opaque subtrees are kept', () => {
    const r = base();
    const canary = canaryOf(r);
    (r.spec.strategy as JsonObject).typo = true;
    canary.stepz = [{ setWeight: 1 }];
    (canary.steps as JsonObject[])[0] = { setWeight: 25, bogus: true };
    ((r.spec.template as JsonObject).spec as JsonObject).futurePodField = { anything: [1, 'a'] };
    ((r.spec.template as JsonObject).metadata as JsonObject).name = 'dropped';
    r.status = {
      phase: 'Healthy',
      invented: 'x',
      canary: { weights: { canary: { weight: 1, extra: 2 } } },
    };
    const pruned = pruneUnknownFields(r, rolloutSchema) as RolloutDoc;
    const prunedStrategy = pruned.spec.strategy as JsonObject;
    expect(prunedStrategy.typo).toBeUndefined();
    expect((prunedStrategy.canary as JsonObject).stepz).toBeUndefined();
    expect(((prunedStrategy.canary as JsonObject).steps as JsonObject[])[0]).toEqual({
      setWeight: 25,
    });
    expect(((pruned.spec.template as JsonObject).spec as JsonObject).futurePodField).toEqual({
      anything: [1, 'a'],
    });
    expect((pruned.spec.template as JsonObject).metadata).toEqual({
      labels: { 'app.kubernetes.io/name': 'storefront-canary' },
    });
    expect(pruned.status).toEqual({
      phase: 'Healthy',
      canary: { weights: { canary: { weight: 1 } } },
    });
  });

  it('unknown metric providers are pruned, provider configs are kept', () => {
    const schema = schemaOf('analysistemplates.argoproj.io');
    const t = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name: 't' },
      spec: {
        metrics: [
          {
            name: 'm',
            count: '3',
            provider: { web: { url: 'http://x', anything: { deep: true } }, madeUp: { a: 1 } },
          },
        ],
      },
    } satisfies JsonObject;
    expect(errors(t, schema)).toEqual([]);
    expect((pruneUnknownFields(t, schema) as typeof t).spec.metrics[0]?.provider).toEqual({
      web: { url: 'http://x', anything: { deep: true } },
    });
  });
});
