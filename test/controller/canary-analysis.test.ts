import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aCanaryRollout, RO, startWorld, type World } from './world.js';

const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
const AR = '/apis/argoproj.io/v1alpha1/namespaces/default/analysisruns';
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
  for (const [name, exit] of [['pass', 0], ['fail', 1]] as const) {
    await w.h.req('POST', AT, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisTemplate',
      metadata: { name },
      spec: {
        args: [{ name: 'hash' }],
        metrics: [{ name, provider: { job: { spec: { backoffLimit: 0, template: { metadata: { labels: { hash: '{{args.hash}}' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'check', image: 'busybox:1.36', command: ['sh', '-c', `exit ${exit}`] }] } } } } } }],
      },
    });
  }
});
afterEach(() => w.close());

const analysisStep = (template: string) => ({ analysis: { templates: [{ templateName: template }], args: [{ name: 'hash', valueFrom: { podTemplateHashValue: 'Latest' } }] } });

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
    expect(run.metadata.labels).toMatchObject({ app: 'shop', 'rollout-type': 'Step', 'step-index': '1', 'rollouts-pod-template-hash': ro.status?.currentPodHash });
    expect(run.status).toMatchObject({ phase: 'Successful', runSummary: { count: 1, successful: 1 } });
    const job = (await w.h.req('GET', '/apis/batch/v1/namespaces/default/jobs')).body.items[0];
    expect(job.spec.template.metadata.labels.hash).toBe(ro.status?.currentPodHash);
  });

  it('a failing run aborts the Rollout with the upstream message', async () => {
    await w.deploy({ steps: [{ setWeight: 20 }, analysisStep('fail'), { setWeight: 60 }] });
    await w.setImage('registry.example/shop:v2');
    await w.advance(15_000, 1000);
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toMatch(/^RolloutAborted: Rollout aborted update to revision 2: Step-based analysis phase failed/);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
  });

  it('a missing template is InvalidSpec', async () => {
    await w.h.req('POST', RO, aCanaryRollout('shop', { steps: [analysisStep('nope')] }));
    await w.settle();
    const ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toContain('AnalysisTemplate "nope" not found');
  });
});
