import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/adapters/kube/index.js';
import type { RolloutOperation } from '../../src/core/rollout/operations/index.js';
import { executeOperation, type OperationRequest } from '../../src/controller/execute-operation.js';
import { OWN } from '../../src/domain/index.js';
import { failure } from '../support/kube-failure.js';
import {
  ACTIVE,
  blueGreenHelpers,
  NAME as CHECKOUT,
  PREVIEW,
  startBlueGreenWorld,
} from './bluegreen-world.js';
import { startWorld, type World } from './world.js';

// Rollout operations end to end (spec §1.8, §8.5, §8.7): executeOperation writes what the plugin
// writes, and the controller, reconciling on the devcluster, reacts as it does to the plugin.

const AT = '/apis/argoproj.io/v1alpha1/namespaces/default/analysistemplates';
const VIA = 'comment https://github.com/acme/shop/pull/7#issuecomment-1';

/** A KubeClient that lets another writer in just before its next `times` merge patches matching `when`. */
class RacingKube extends KubeClient {
  constructor(
    server: string,
    private readonly when: (path: string) => boolean,
    private readonly race: () => Promise<unknown>,
    private times = 1,
  ) {
    super({ server });
  }

  override async mergePatch<T>(path: string, patch: unknown): Promise<T> {
    if (this.times > 0 && this.when(path)) {
      this.times--;
      await this.race();
    }
    return super.mergePatch<T>(path, patch);
  }
}

let w: World;
afterEach(() => w.close());

function request(
  operation: RolloutOperation,
  extra: Partial<OperationRequest> = {},
): OperationRequest {
  return {
    namespace: 'default',
    name: 'shop',
    operation,
    actor: 'github:alice',
    via: VIA,
    ...extra,
  };
}
const exec = (
  operation: RolloutOperation,
  extra: Partial<OperationRequest> = {},
  kube: KubeClient = w.kube,
) => executeOperation({ kube, now: () => w.h.clock.now() }, request(operation, extra));
const isStatus = (path: string) => path.endsWith('/status');
const isObject = (path: string) => !path.endsWith('/status');

async function events(reason: string): Promise<string[]> {
  const items = (
    await w.kube.list<{ reason: string; message: string; involvedObject: { name: string } }>(
      '/api/v1/namespaces/default/events',
    )
  ).items;
  return items.filter((e) => e.reason === reason).map((e) => e.message);
}

/** v1 deployed, v2 rolled out up to the indefinite pause at step 2/8 (20 % canary). */
async function pausedAtStep2(): Promise<void> {
  await w.deploy();
  await w.setImage('registry.example/shop:v2');
  await w.advance(3000);
  expect((await w.rollout()).status, 'paused on step 2').toMatchObject({
    phase: 'Paused',
    message: 'CanaryPauseStep',
    currentStepIndex: 1,
  });
  expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
}

describe('canary operations', () => {
  beforeEach(async () => {
    w = await startWorld('shop');
  });

  it('promote on an indefinite pause moves on to the next step, and records who asked', async () => {
    await pausedAtStep2();
    expect(await exec('promote')).toEqual({
      outcome: 'done',
      summary: 'promoted shop past step 2/8 (pause)',
    });
    await w.settle(); // same instant: the controller's events are named from the same millisecond
    expect((await w.rollout()).status?.currentStepIndex).toBe(2);
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 3,
    });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
    expect(await events('PromoteRequested')).toEqual([
      `promote requested by github:alice (${VIA}): promoted shop past step 2/8 (pause)`,
    ]);
    // The controller's own events at the same instant were not crowded out by ours.
    expect(
      (await events('RolloutStepCompleted')).some((m) =>
        m.startsWith('Rollout step 2/8 completed'),
      ),
    ).toBe(true);
  });

  it('promote on a timed pause ends it before its duration', async () => {
    await pausedAtStep2();
    await exec('promote');
    await w.advance(3000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(3); // pause: 10s
    expect(await exec('promote')).toEqual({
      outcome: 'done',
      summary: 'promoted shop past step 4/8 (pause: 10s)',
    });
    await w.advance(3000); // well inside the 10 s
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 5 });
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });
  });

  it('promote at a running analysis step skips it', async () => {
    await w.h.req('POST', AT, aJobTemplate('slow', 'sleep 3600'));
    await w.deploy({
      steps: [{ setWeight: 20 }, analysisStep('slow'), { setWeight: 60 }, { pause: {} }],
    });
    await w.setImage('registry.example/shop:v2');
    await w.advance(5000, 1000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Progressing',
      currentStepIndex: 1,
      canary: { currentStepAnalysisRunStatus: { status: 'Running' } },
    });
    expect(await exec('promote')).toEqual({
      outcome: 'done',
      summary: 'promoted shop past step 2/4 (analysis)',
    });
    await w.advance(5000, 1000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 3,
    });
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });
  });

  it('promote after an inconclusive step analysis continues to the next step', async () => {
    await w.h.req('POST', AT, aJobTemplate('stuck', 'exit 0', 'busybox:bad'));
    await w.deploy({
      steps: [{ setWeight: 20 }, analysisStep('stuck'), { setWeight: 60 }, { pause: {} }],
    });
    await w.setImage('registry.example/shop:v2');
    await w.advance(15_000, 1000);
    expect((await w.rollout()).status).toMatchObject({
      phase: 'Paused',
      message: 'InconclusiveAnalysisRun',
      currentStepIndex: 1,
    });
    expect(await exec('promote')).toEqual({
      outcome: 'done',
      summary: 'promoted shop past step 2/4 (analysis) after an inconclusive analysis',
    });
    await w.advance(5000, 1000);
    expect((await w.rollout()).status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 3,
    });
    expect(await w.counts()).toEqual({ canary: 3, stable: 2, other: 0 });
  });

  it('promote --full goes to 100 % and completes', async () => {
    await pausedAtStep2();
    expect(await exec('promoteFull')).toMatchObject({ outcome: 'done' });
    await w.advance(4000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentStepIndex: 8 });
    expect(ro.status?.stableRS).toBe(ro.status?.currentPodHash);
    expect(ro.status?.promoteFull).toBeUndefined();
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    expect(await exec('promoteFull')).toEqual({
      outcome: 'refused',
      reason: 'rollout shop is already fully promoted',
    });
  });

  it('abort returns to stable (Degraded); retry starts again from step 0', async () => {
    await pausedAtStep2();
    expect(await exec('abort')).toEqual({
      outcome: 'done',
      summary: 'aborted the update of shop to revision 2',
    });
    await w.advance(3000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true, currentStepIndex: 0 });
    expect(ro.status?.message).toMatch(/^RolloutAborted: Rollout aborted update to revision 2/);
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    expect(await exec('abort')).toMatchObject({
      outcome: 'done',
      warning: 'rollout shop is already aborted',
    });
    expect(await exec('promote')).toEqual({
      outcome: 'refused',
      reason: 'rollout shop is aborted: retry it to start the update again, or promote --full',
    });

    expect(await exec('retry')).toEqual({
      outcome: 'done',
      summary: 'retrying the update of shop from step 1/8',
    });
    await w.settle();
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Progressing', currentStepIndex: 0 });
    expect(ro.status?.abort).toBeFalsy();
    expect(ro.status?.abortedAt).toBeUndefined();
    await w.advance(3000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
    expect(await w.counts()).toEqual({ canary: 1, stable: 4, other: 0 });
    // Written as the plugin writes it (issue 19); abort:false on a Rollout that is not aborted changes nothing.
    expect(await exec('retry')).toMatchObject({
      outcome: 'done',
      warning: 'rollout shop is not aborted: there is nothing to retry',
    });
    await w.settle();
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 1 });
  });

  it('pause holds an update until resume', async () => {
    await w.deploy();
    expect(await exec('pause')).toEqual({ outcome: 'done', summary: 'paused shop' });
    await w.setImage('registry.example/shop:v2');
    await w.advance(5000);
    let ro = await w.rollout();
    expect(ro.spec.paused).toBe(true);
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'manually paused' });
    expect(await w.counts()).toEqual({ canary: 0, stable: 5, other: 0 });
    expect(await exec('pause')).toEqual({
      outcome: 'refused',
      reason: 'rollout shop is already paused',
    });

    expect(await exec('resume')).toEqual({ outcome: 'done', summary: 'resumed shop' });
    await w.advance(3000);
    ro = await w.rollout();
    expect(ro.spec.paused).toBe(false);
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
    });
    expect(await exec('resume')).toEqual({
      outcome: 'refused',
      reason: 'rollout shop is not manually paused (it waits on CanaryPauseStep): use promote',
    });
  });

  it('restart sets spec.restartAt and the controller replaces every pod', async () => {
    await w.deploy({ replicas: 3, maxUnavailable: 1, maxSurge: 0 });
    const pods = async () =>
      (
        await w.kube.list<{ metadata: { name: string } }>('/api/v1/namespaces/default/pods', {
          labelSelector: 'app=shop',
        })
      ).items.map((p) => p.metadata.name);
    const before = await pods();
    w.h.clock.advance(1000);
    const restartAt = new Date(Math.floor(w.h.clock.now() / 1000) * 1000)
      .toISOString()
      .replace('.000Z', 'Z');
    expect(await exec('restart')).toEqual({
      outcome: 'done',
      summary: `restarting the pods of shop (restartAt ${restartAt})`,
    });
    expect((await w.rollout()).spec.restartAt).toBe(restartAt);
    await w.advance(40_000, 1000);
    const after = await pods();
    expect(after).toHaveLength(3);
    expect(after.some((n) => before.includes(n))).toBe(false);
    expect((await w.rollout()).status).toMatchObject({ restartedAt: restartAt, phase: 'Healthy' });
  });

  it('a redelivered request with the same id is a duplicate and acts once', async () => {
    await pausedAtStep2();
    const id = 'github-comment-12345';
    expect(await exec('promote', { id })).toMatchObject({ outcome: 'done' });
    await w.advance(3000);
    const version = (await w.rollout()).metadata.resourceVersion;
    expect(await exec('promote', { id })).toEqual({ outcome: 'duplicate' });
    expect((await w.rollout()).metadata.resourceVersion).toBe(version);
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status?.currentStepIndex).toBe(3);
    expect(ro.metadata.annotations?.[OWN.operations]).toBe(id);
    expect(await events('PromoteRequested')).toHaveLength(1);
    // A different id is a new request.
    expect(await exec('promote', { id: 'github-comment-12346' })).toMatchObject({
      outcome: 'done',
    });
    expect((await w.rollout()).metadata.annotations?.[OWN.operations]).toBe(
      'github-comment-12345,github-comment-12346',
    );
  });

  it.each([
    { name: 'a status write before the status write (no id)', when: isStatus, id: undefined },
    {
      name: 'a status write before the status write (id recorded first)',
      when: isStatus,
      id: 'github-comment-1',
    },
    { name: 'a status write before the metadata write', when: isObject, id: 'github-comment-1' },
  ])('$name still applies the promote exactly once', async ({ when, id }) => {
    await pausedAtStep2();
    const racing = new RacingKube(w.h.url, when, () =>
      w.statusPatch({ message: 'a racing writer' }),
    );
    expect(await exec('promote', id ? { id } : {}, racing)).toEqual({
      outcome: 'done',
      summary: 'promoted shop past step 2/8 (pause)',
    });
    expect((await w.rollout()).status?.message).toBe('a racing writer'); // the race did happen
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
    expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
    if (id) expect(ro.metadata.annotations?.[OWN.operations]).toBe(id);
  });

  it('a promote by someone else between the read and the write is not applied a second time', async () => {
    await pausedAtStep2();
    const racing = new RacingKube(w.h.url, isStatus, () =>
      w.statusPatch({ pauseConditions: null }),
    );
    // The conflict is not re-planned into something else (issue 15): it is stale, and says why.
    expect(await exec('promote', {}, racing)).toMatchObject({
      outcome: 'stale',
      reason: expect.stringContaining(
        'a promote of rollout shop is already pending: the controller has not resumed it yet',
      ) as string,
    });
    await w.advance(3000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
  });

  it('gives up with the conflict after 5 attempts', async () => {
    await pausedAtStep2();
    let n = 0;
    const racing = new RacingKube(
      w.h.url,
      isStatus,
      () => w.statusPatch({ message: `racer ${++n}` }),
      10,
    );
    const e = await failure(exec('promote', {}, racing));
    expect(e.isConflict).toBe(true);
    expect(n).toBe(5);
    expect((await w.rollout()).status?.pauseConditions).toHaveLength(1);
  });

  it('answers not-found for a missing Rollout', async () => {
    expect(await exec('promote', { name: 'nope' })).toEqual({ outcome: 'not-found' });
  });

  it.each([
    { op: 'promote' as const, reason: 'rollout shop is already fully promoted' },
    { op: 'promoteFull' as const, reason: 'rollout shop is already fully promoted' },
    { op: 'resume' as const, reason: 'rollout shop is not paused' },
  ])('refuses $op on a Healthy rollout without writing', async ({ op, reason }) => {
    await w.deploy();
    const before = await w.rollout();
    expect(await exec(op, { id: 'github-comment-9' })).toEqual({ outcome: 'refused', reason });
    const after = await w.rollout();
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.metadata.annotations?.[OWN.operations]).toBeUndefined();
  });
});

describe('blue-green operations', () => {
  beforeEach(async () => {
    w = await startBlueGreenWorld();
  });
  const { deploy, update, selectorHash } = blueGreenHelpers(() => w);

  it('promote ends the BlueGreenPause: active switches to the new ReplicaSet, which becomes stable', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false });
    const v2 = await update('v2', v1);
    expect((await w.rollout()).status).toMatchObject({
      phase: 'Paused',
      message: 'BlueGreenPause',
    });
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await exec('promote', { name: CHECKOUT })).toEqual({
      outcome: 'done',
      summary: 'promoted checkout out of BlueGreenPause',
    });
    await w.settle();
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      stableRS: v2,
      blueGreen: { activeSelector: v2 },
    });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(await selectorHash(PREVIEW)).toBe(v2);
    expect(await exec('promote', { name: CHECKOUT })).toEqual({
      outcome: 'refused',
      reason: 'rollout checkout is already fully promoted',
    });
  });

  it('abort while paused keeps active on the stable ReplicaSet', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false });
    await update('v2', v1);
    expect(await exec('abort', { name: CHECKOUT })).toMatchObject({ outcome: 'done' });
    await w.settle();
    expect((await w.rollout()).status).toMatchObject({
      phase: 'Degraded',
      abort: true,
      stableRS: v1,
    });
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });
});

function analysisStep(template: string) {
  return {
    analysis: {
      templates: [{ templateName: template }],
      args: [{ name: 'hash', valueFrom: { podTemplateHashValue: 'Latest' } }],
    },
  };
}

function aJobTemplate(name: string, command: string, image = 'busybox:1.36') {
  return {
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
                  spec: {
                    restartPolicy: 'Never',
                    containers: [{ name: 'check', image, command: ['sh', '-c', command] }],
                  },
                },
              },
            },
          },
        },
      ],
    },
  };
}
