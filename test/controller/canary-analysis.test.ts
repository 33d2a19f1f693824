import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  for (const [name, exit, image] of [
    ['pass', 0, 'busybox:1.36'],
    ['fail', 1, 'busybox:1.36'],
    ['stuck', 0, 'busybox:bad'],
  ] as const) {
    await w.h.req('POST', AT, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name },
      spec: {
        args: [{ name: 'hash' }],
        metrics: [
          {
            name,
            provider: {
              job: {
                spec: {
                  backoffLimit: 0,
                  template: {
                    metadata: { labels: { hash: '{{args.hash}}' } },
                    spec: {
                      restartPolicy: 'Never',
                      containers: [{ name: 'check', image, command: ['sh', '-c', `exit ${exit}`] }],
                    },
                  },
                },
              },
            },
          },
        ],
      },
    });
  }
});
afterEach(() => w.close());

const analysisStep = (template: string) => ({
  analysis: {
    templates: [{ templateName: template }],
    args: [{ name: 'hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
  },
});

describe('canary step analysis (job provider on the devcluster)', () => {
  it('a passing run lets the Rollout continue to Healthy', async () => {
    await w.deploy({ steps: [{ setWeight: 20 }, analysisStep('pass'), { setWeight: 60 }] });
    await w.setImage('registry.example/shop:v2');
    await w.advance(15_000, 1000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 3 });
    const runs = (await w.h.req('GET', AR)).body.items;
    expect(runs).toHaveLength(1);
    const run = runs[0];
    expect(run.metadata.name).toBe(`shop-${ro.status?.currentPodHash}-2-1`);
    expect(run.metadata.labels).toMatchObject({
      app: 'shop',
      'rollout-type': 'Step',
      'step-index': '1',
      'rollouts-pod-template-hash': ro.status?.currentPodHash,
    });
    expect(run.status).toMatchObject({
      phase: 'Successful',
      runSummary: { count: 1, successful: 1 },
    });
    const job = (await w.h.req('GET', '/apis/batch/v1/namespaces/default/jobs')).body.items[0];
    expect(job.spec.template.metadata.labels.hash).toBe(ro.status?.currentPodHash);
  });

  it('a failing run aborts the Rollout with the upstream message', async () => {
    await w.deploy({ steps: [{ setWeight: 20 }, analysisStep('fail'), { setWeight: 60 }] });
    await w.setImage('registry.example/shop:v2');
    await w.advance(15_000, 1000);
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toMatch(
      /^RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase error\/failed/,
    );
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('an inconclusive run pauses the Rollout until it is promoted', async () => {
    await w.deploy({
      steps: [{ setWeight: 20 }, analysisStep('stuck'), { setWeight: 60 }, { pause: {} }],
    });
    await w.setImage('registry.example/shop:v2');
    await w.advance(15_000, 1000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'InconclusiveAnalysisRun',
      currentStepIndex: 1,
    });
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    // What `kubectl argo rollouts promote` writes on an inconclusive step analysis (spec §1.8).
    await w.statusPatch({ pauseConditions: null, controllerPause: false, currentStepIndex: 2 });
    await w.advance(5000, 1000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 3,
    });
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });
  });

  it('keeps only successfulRunHistoryLimit finished runs', async () => {
    await w.deploy({ steps: [analysisStep('pass')] });
    await w.specPatch({ analysis: { successfulRunHistoryLimit: 1 } });
    for (const v of ['v2', 'v3', 'v4']) {
      await w.setImage(`registry.example/shop:${v}`);
      await w.advance(12_000, 1000);
      expect((await w.rollout()).status?.phase).toBe('Healthy');
    }
    const runs = (await w.h.req('GET', AR)).body.items as Array<{
      metadata: { name: string; annotations: Record<string, string> };
    }>;
    expect(runs.map((r) => r.metadata.annotations['rollout.argoproj.io/revision'])).toEqual(['4']);
  });

  it('a missing template is InvalidSpec', async () => {
    await w.h.req('POST', RO, aCanaryRollout('shop', { steps: [analysisStep('nope')] }));
    await w.settle();
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toContain('AnalysisTemplate "nope" not found');
  });
});
