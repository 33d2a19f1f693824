import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createController, type Controller } from '../../../src/controller/controller.js';
import { buildHints } from '../../../src/http/hooks/index.js';
import { aTemplate, type ExperimentWorld, startExperimentWorld } from './experiment-world.js';

let x: ExperimentWorld;
let controller: Controller;
beforeEach(async () => {
  x = await startExperimentWorld('banner');
  controller = createController({
    kube: x.w.kube,
    fetch: () => Promise.reject(new Error('this test measures no metrics')),
    timers: {
      now: () => x.w.h.clock.now(),
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
    },
  });
});
afterEach(async () => {
  controller.stop();
  await x.close();
});

/** Hands the controller the hints for the current state of `objects`, as the relay would, and waits for the work. */
async function deliver(
  objects: Array<{
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string };
  }>,
) {
  await controller.onHints(
    buildHints(objects.map((object) => ({ type: 'MODIFIED' as const, object }))),
  );
  await controller.scheduler.idle();
  await x.w.h.settle();
}

describe('Experiment hints through the Node controller', () => {
  it('an Experiment event reconciles it; its pods, through their ReplicaSet, wake it again', async () => {
    await x.create({ templates: [aTemplate('a')] });
    await deliver([(await x.experiment()) as never]);
    expect(await x.replicaSets()).toEqual({ 'banner-a': 1 });
    await x.w.h.advance(2000);
    const pods = (await x.w.h.req('GET', '/api/v1/namespaces/default/pods')).body.items;
    expect(pods).toHaveLength(1);
    await deliver(pods);
    const ex = await x.experiment();
    expect(ex.status).toMatchObject({
      phase: 'Running',
      templateStatuses: [{ name: 'a', status: 'Running' }],
    });
  });

  it('the resync sweep finds a running Experiment', async () => {
    await x.create({ templates: [aTemplate('a')] });
    expect(await controller.resync()).toBeGreaterThanOrEqual(1);
    await controller.scheduler.idle();
    expect((await x.experiment()).status?.templateStatuses?.[0]?.name).toBe('a');
  });
});
