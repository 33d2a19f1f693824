import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../../src/domain/experiment.js';
import { loadRolloutInfo } from '../../../src/controller/load-rollout-info.js';
import { aCanaryRollout, RO, startWorld, type World } from '../world.js';
import { aJobTemplate, AT, EXP } from './experiment-world.js';

// The canary experiment step (spec §3 "Rollout experiment step", §10.13): the Rollout creates the
// Experiment on reaching the step, continues when it succeeds, aborts when it fails.
let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const experimentStep = (analysis?: string) => ({
  experiment: {
    duration: '5s',
    templates: [
      { name: 'candidate', specRef: 'canary', metadata: { labels: { role: 'candidate' } } },
      { name: 'baseline', specRef: 'stable', replicas: 2 },
    ],
    ...(analysis ? { analyses: [{ name: 'check', templateName: analysis }] } : {}),
  },
});

async function deployAndUpdate(steps: unknown[]): Promise<void> {
  await w.h.req('POST', RO, aCanaryRollout('shop', { replicas: 4, steps }));
  await w.settle();
  await w.advance(2000);
  await w.setImage('registry.example/shop:v2');
  await w.settle();
}

const experiments = async () => (await w.kube.list<Experiment>(EXP)).items;

describe('a canary experiment step', () => {
  it('runs an Experiment from the canary and stable templates and continues when it succeeds', async () => {
    await deployAndUpdate([{ setWeight: 25 }, experimentStep(), { setWeight: 50 }, { pause: {} }]);
    await w.advance(2000);
    let ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(1);
    const [ex] = await experiments();
    expect(ex?.metadata.name).toBe(`shop-${ro.status?.currentPodHash}-2-1`);
    expect(ro.status?.canary?.currentExperiment).toBe(ex?.metadata.name);
    expect(ex?.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'Rollout',
      name: 'shop',
      controller: true,
    });
    // Templates come from the canary and stable ReplicaSets, without their hash label.
    const [candidate, baseline] = ex?.spec.templates ?? [];
    expect(candidate?.template?.spec).toMatchObject({
      containers: [{ image: 'registry.example/shop:v2' }],
    });
    expect(candidate?.template?.metadata?.labels).toEqual({ app: 'shop', role: 'candidate' });
    expect(candidate?.selector?.matchLabels).toEqual({ app: 'shop', role: 'candidate' });
    expect(baseline).toMatchObject({
      replicas: 2,
      template: { spec: { containers: [{ image: 'registry.example/shop:v1' }] } },
    });

    await w.advance(8000, 1000);
    ro = await w.rollout();
    expect((await experiments())[0]?.status?.phase).toBe('Successful');
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    expect(ro.status?.canary?.currentExperiment).toBeUndefined();
  });

  it('aborts the Rollout when the Experiment fails', async () => {
    await w.h.req('POST', AT, aJobTemplate('always-fails', 1));
    await deployAndUpdate([{ setWeight: 25 }, experimentStep('always-fails'), { setWeight: 50 }]);
    await w.advance(8000, 1000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true });
    expect(ro.status?.message).toContain('Experiment analysis phase is error/failed');
    expect((await experiments())[0]?.status?.phase).toBe('Failed');
  });

  it('a template Service that cannot be made (no container ports) aborts with the reason', async () => {
    await deployAndUpdate([
      { setWeight: 25 },
      { experiment: { templates: [{ name: 'candidate', specRef: 'canary', service: {} }] } },
    ]);
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true });
    expect(ro.status?.message).toContain(
      "Template 'candidate' needs a container port for its Service",
    );
  });

  it('a promote during the step skips it and terminates the Experiment', async () => {
    await deployAndUpdate([
      { setWeight: 25 },
      { experiment: { templates: [{ name: 'candidate', specRef: 'canary' }] } },
      { setWeight: 50 },
      { pause: {} },
    ]);
    await w.advance(2000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
    // What `kubectl argo rollouts promote` writes at a step without a pause condition (spec §1.8).
    await w.statusPatch({ currentStepIndex: 2 });
    await w.advance(3000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    const [ex] = await experiments();
    expect(ex?.spec.terminate).toBe(true);
    expect(ex?.status?.phase).toBe('Successful');
  });

  it('an Experiment goes when the revision history limit deletes its ReplicaSet', async () => {
    await deployAndUpdate([{ setWeight: 25 }, experimentStep(), { setWeight: 50 }]);
    await w.advance(10_000, 1000);
    const first = (await experiments()).map((e) => e.metadata.name);
    expect(first).toHaveLength(1);
    for (const v of ['v3', 'v4', 'v5']) {
      await w.setImage(`registry.example/shop:${v}`);
      await w.settle();
      await w.advance(10_000, 1000);
      expect((await w.rollout()).status?.phase).toBe('Healthy');
    }
    // revisionHistoryLimit 2 keeps two old ReplicaSets besides the stable (v3, v4): v1 and v2 have
    // gone, and v2's Experiment with them; those of v3, v4 and v5 stay.
    const names = (await experiments()).map((e) => e.metadata.name);
    expect(names).not.toContain(first[0]);
    expect(names).toHaveLength(3);
  });

  it('the CLI/dashboard tree shows the step Experiment with its ReplicaSets and AnalysisRun', async () => {
    await w.h.req('POST', AT, aJobTemplate('slow-check', 0, 60));
    await deployAndUpdate([{ setWeight: 25 }, experimentStep('slow-check'), { setWeight: 50 }]);
    await w.advance(3000, 1000);
    const info = await loadRolloutInfo(w.kube, 'default', 'shop', w.h.clock.now());
    const [ex] = info?.revisions[0]?.experiments ?? [];
    expect(ex?.name).toBe((await w.rollout()).status?.canary?.currentExperiment);
    expect(ex?.replicaSets.map((rs) => rs.template).sort()).toEqual(['baseline', 'candidate']);
    expect(ex?.analysisRuns.map((r) => r.name)).toEqual([`${ex?.name}-check`]);
  });
});
