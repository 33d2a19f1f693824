import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod } from '../../src/domain/index.js';
import {
  ACTIVE,
  aBlueGreenRollout,
  blueGreenHelpers,
  condition,
  HASH,
  hashOf,
  image,
  NAME,
  PREVIEW,
  READY_AFTER,
  type RolloutOpts,
  startBlueGreenWorld,
  SVC,
} from './bluegreen-world.js';
import { RO, type World } from './world.js';

// Blue-green operations pinned from the spec (§1.7, §1.8, §1.9, §8.6, §8.7, §8.9, §9.2): abort, fast
// rollback, scale-down delay limits, spec.paused, InvalidSpec, the progress deadline, switching to canary.

let w: World;
beforeEach(async () => {
  w = await startBlueGreenWorld();
});
afterEach(() => w.close());

const { deploy, update, promote, advanceTo, selectorHash, sizeOf, deadlineOf, revisionOf } =
  blueGreenHelpers(() => w);

/** Deploys v1 with manual promotion, updates to v2 and waits for the BlueGreenPause. */
async function pausedOnV2(
  blueGreen: Record<string, unknown> = {},
  opts: RolloutOpts = {},
): Promise<{ v1: string; v2: string }> {
  const v1 = await deploy({ autoPromotionEnabled: false, ...blueGreen }, opts);
  const v2 = await update('v2', v1);
  expect((await w.rollout()).status, 'paused on v2').toMatchObject({
    phase: 'Paused',
    message: 'BlueGreenPause',
  });
  return { v1, v2 };
}

async function livePods(): Promise<Pod[]> {
  const pods = (
    await w.kube.list<Pod>('/api/v1/namespaces/default/pods', { labelSelector: `app=${NAME}` })
  ).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp);
}
const podCount = async (hash: string) =>
  (await livePods()).filter((p) => p.metadata.labels?.[HASH] === hash).length;

describe('abort (spec §1.7, §8.7, TestBlueGreenScaleDownOnAbort)', () => {
  it('mid-pause: active stays on the old hash, preview RS scaled to 0 after 30 s, Degraded; a new image starts a fresh update', async () => {
    const { v1, v2 } = await pausedOnV2();
    const abortedAt = w.h.clock.now();
    await w.statusPatch({ abort: true });
    await w.settle();
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Degraded',
      abort: true,
      stableRS: v1,
      blueGreen: { activeSelector: v1 },
    });
    expect(ro.status?.message).toEqual(
      expect.stringMatching(/^RolloutAborted: Rollout aborted update to revision 2/),
    );
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await selectorHash(PREVIEW)).toBe(v2); // the preview Service stays on the new RS
    expect(await sizeOf(v2)).toBe(3);

    await advanceTo(abortedAt + 28_000);
    expect(await sizeOf(v2)).toBe(3);
    await advanceTo(abortedAt + 32_000);
    expect(await sizeOf(v2)).toBe(0);
    expect(await podCount(v2)).toBe(0);
    expect(await sizeOf(v1)).toBe(3);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');

    const v3 = await update('v3', v1, v2);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'BlueGreenPause',
      stableRS: v1,
      blueGreen: { activeSelector: v1, previewSelector: v3 },
    });
    expect(ro.status?.abort).toBeFalsy();
    expect(await selectorHash(PREVIEW)).toBe(v3);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await sizeOf(v3)).toBe(3);
  });

  it('honours abortScaleDownDelaySeconds for a preview RS at previewReplicaCount', async () => {
    const { v1, v2 } = await pausedOnV2(
      { previewReplicaCount: 1, abortScaleDownDelaySeconds: 5 },
      { replicas: 2 },
    );
    expect([await podCount(v1), await podCount(v2)]).toEqual([2, 1]);
    const abortedAt = w.h.clock.now();
    await w.statusPatch({ abort: true });
    await w.settle();
    expect((await w.rollout()).status?.phase).toBe('Degraded');
    await advanceTo(abortedAt + 4000);
    expect(await sizeOf(v2)).toBe(1);
    await advanceTo(abortedAt + 7000);
    expect(await sizeOf(v2)).toBe(0);
    expect(await podCount(v2)).toBe(0);
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });

  it('abortScaleDownDelaySeconds 0 keeps the preview RS up', async () => {
    const { v1, v2 } = await pausedOnV2({ abortScaleDownDelaySeconds: 0 });
    await w.statusPatch({ abort: true });
    await w.advance(60_000, 2000);
    expect((await w.rollout()).status?.phase).toBe('Degraded');
    expect(await sizeOf(v2)).toBe(3);
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });
});

describe('fast track (spec §1.7 "Fast track", §8.7)', () => {
  it('rolling back to the previous image while its RS is inside the scale-down delay switches straight back, no pause', async () => {
    const { v1, v2 } = await pausedOnV2();
    await promote();
    await w.settle();
    expect(await selectorHash(ACTIVE), 'promoted to v2').toBe(v2);
    await w.advance(5000, 1000);
    expect(await sizeOf(v1), 'v1 still inside its delay').toBe(3);

    await w.setImage(image('v1'));
    const phases: Array<string | undefined> = [];
    await w.settle();
    phases.push((await w.rollout()).status?.phase);
    for (let i = 0; i < 2; i++) {
      await w.advance(500);
      phases.push((await w.rollout()).status?.phase);
    }
    const ro = await w.rollout();
    expect(phases).not.toContain('Paused');
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      currentPodHash: v1,
      stableRS: v1,
      blueGreen: { activeSelector: v1, previewSelector: v1 },
    });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await selectorHash(PREVIEW)).toBe(v1);
    expect(await revisionOf(v1)).toBe('3'); // the old RS is re-used with a bumped revision (§1.8 undo)
    // v2 is now the old active RS: kept up for its own delay, then removed; v1 (active) is never scaled down.
    expect(await sizeOf(v2)).toBe(3);
    expect(await deadlineOf(v2)).toBeTruthy();
    await w.advance(35_000, 1000);
    expect(await sizeOf(v2)).toBe(0);
    expect(await sizeOf(v1)).toBe(3);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
  });

  it('going back to a revision whose delay has expired is a normal update (BlueGreenPause)', async () => {
    const { v1, v2 } = await pausedOnV2();
    await promote();
    await w.settle();
    await w.advance(35_000, 1000);
    expect(await sizeOf(v1), 'v1 scaled down after its delay').toBe(0);

    await w.setImage(image('v1'));
    await w.advance(2000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'BlueGreenPause',
      currentPodHash: v1,
      stableRS: v2,
    });
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(await selectorHash(PREVIEW)).toBe(v1);
    expect(await sizeOf(v1)).toBe(3);
  });

  it('going back to the stable image mid-pause returns at once (active already points at it)', async () => {
    const { v1, v2 } = await pausedOnV2();
    await w.setImage(image('v1'));
    await w.settle();
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', currentPodHash: v1, stableRS: v1 });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await selectorHash(PREVIEW)).toBe(v1);
    await w.advance(35_000, 1000);
    ro = await w.rollout();
    expect(ro.status?.phase).toBe('Healthy');
    expect([await sizeOf(v1), await sizeOf(v2)]).toEqual([3, 0]);
  });
});

describe('scaleDownDelayRevisionLimit (spec §1.7, TestBlueGreenScaleDownDelay)', () => {
  it('limit 1: with two old RSs waiting only the newest keeps its delay; the older goes to 0 at once', async () => {
    const v1 = await deploy({ scaleDownDelayRevisionLimit: 1 }, { replicas: 2 });
    const v2 = await update('v2', v1);
    expect(await selectorHash(ACTIVE), 'auto-promoted to v2').toBe(v2);
    expect(await deadlineOf(v1)).toBeTruthy();
    await w.advance(3000, 1000);
    const v3 = await update('v3', v1, v2);
    expect(await selectorHash(ACTIVE), 'auto-promoted to v3').toBe(v3);
    // ~5 s after v1's delay began (30 s): v1 is over the limit, v2 is the one kept.
    expect(await sizeOf(v1)).toBe(0);
    expect(await podCount(v1)).toBe(0);
    expect(await sizeOf(v2)).toBe(2);
    expect(await deadlineOf(v2)).toBeTruthy();
    expect(await sizeOf(v3)).toBe(2);
    expect((await w.rollout()).status?.phase).toBe('Healthy');
  });

  it('keeps the N newest old RSs and scales the extras to 0 when the limit is lowered', async () => {
    const v1 = await deploy(
      { scaleDownDelaySeconds: 86_400, scaleDownDelayRevisionLimit: 2 },
      { replicas: 1 },
    );
    const v2 = await update('v2', v1);
    const v3 = await update('v3', v1, v2);
    const v4 = await update('v4', v1, v2, v3);
    expect(await selectorHash(ACTIVE)).toBe(v4);
    expect(await Promise.all([v1, v2, v3, v4].map(podCount))).toEqual([0, 1, 1, 1]);
    expect((await w.rollout()).status).toMatchObject({
      phase: 'Healthy',
      replicas: 3,
      updatedReplicas: 1,
      availableReplicas: 1,
    });

    await w.specPatch({ strategy: { blueGreen: { scaleDownDelayRevisionLimit: 1 } } });
    await w.advance(1000);
    expect(await Promise.all([v1, v2, v3, v4].map(sizeOf))).toEqual([0, 0, 1, 1]);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Healthy', replicas: 2 });
  });
});

describe('spec.paused (spec §1.1, §1.8)', () => {
  it('halts the update without scaling the new RS; unpausing continues to the BlueGreenPause', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false });
    await w.specPatch({ paused: true });
    await w.setImage(image('v2'));
    await w.advance(5000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'manually paused' });
    expect(condition(ro, 'Paused')?.status).toBe('True');
    expect(await selectorHash(ACTIVE)).toBe(v1);
    const others = (await w.replicaSets()).filter((rs) => rs.metadata.labels?.[HASH] !== v1);
    expect(others.map((rs) => rs.spec.replicas ?? 0)).toEqual(others.map(() => 0));
    expect((await livePods()).map((p) => p.metadata.labels?.[HASH])).toEqual([v1, v1, v1]);

    await w.specPatch({ paused: false });
    await w.advance(2000);
    ro = await w.rollout();
    const v2 = hashOf(ro.status?.currentPodHash);
    expect(v2).not.toBe(v1);
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await sizeOf(v2)).toBe(3);
    expect(await selectorHash(PREVIEW)).toBe(v2);
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });
});

describe('InvalidSpec (spec §1.11, TestFixInvalidSpec)', () => {
  it('the same Service for active and preview is InvalidSpec; fixing it deploys', async () => {
    await w.h.req('POST', RO, aBlueGreenRollout({ previewService: ACTIVE }));
    await w.settle();
    let ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toEqual(expect.stringMatching(/^InvalidSpec: /));
    expect(ro.status?.message).toEqual(
      expect.stringContaining(
        'This rollout uses the same service for the active and preview services',
      ),
    );
    expect(condition(ro, 'InvalidSpec')).toMatchObject({ status: 'True', reason: 'InvalidSpec' });
    expect(await w.replicaSets()).toHaveLength(0);
    expect(await selectorHash(ACTIVE)).toBeUndefined();

    await w.specPatch({ strategy: { blueGreen: { previewService: PREVIEW } } });
    await w.advance(2000);
    ro = await w.rollout();
    const v1 = hashOf(ro.status?.currentPodHash);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v1 });
    expect(condition(ro, 'InvalidSpec')).toBeUndefined();
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });
});

describe('progress deadline (spec §8.9; bluegreen_test.go, functional_test.go)', () => {
  // Pods of these templates take 10 s to become Ready, twice progressDeadlineSeconds.
  const slow = { replicas: 1, progressDeadlineSeconds: 5, podAnnotations: { [READY_AFTER]: '10' } };

  it('without a pause: Degraded by the deadline, then Healthy with active on the new revision once Ready (…WithoutPause)', async () => {
    await w.h.req('POST', RO, aBlueGreenRollout({ autoPromotionEnabled: true }, slow));
    await w.settle();
    await w.advance(7000);
    let ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toEqual(
      expect.stringMatching(
        /^ProgressDeadlineExceeded: ReplicaSet "checkout-\w+" has timed out progressing\./,
      ),
    );
    expect(await selectorHash(ACTIVE)).toBeUndefined(); // never pointed at an RS without available pods
    await w.advance(5000);
    ro = await w.rollout();
    const v1 = hashOf(ro.status?.currentPodHash);
    expect(ro.status?.phase).toBe('Healthy');
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await w.setImage(image('v2'));
    await w.advance(7000);
    ro = await w.rollout();
    const v2 = hashOf(ro.status?.currentPodHash);
    expect(v2).not.toBe(v1);
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toEqual(expect.stringMatching(/^ProgressDeadlineExceeded: /));
    expect(ro.status?.abort).toBeFalsy();
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(await sizeOf(v2)).toBe(1);
    await w.advance(5000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(await selectorHash(ACTIVE)).toBe(v2);
  });

  it('with a pause: Degraded by the deadline, then Paused once Ready; promote ⇒ Healthy on the new revision (…WithPause)', async () => {
    await w.h.req('POST', RO, aBlueGreenRollout({ autoPromotionEnabled: false }, slow));
    await w.settle();
    await w.advance(12_000);
    let ro = await w.rollout();
    const v1 = hashOf(ro.status?.currentPodHash);
    expect(ro.status?.phase).toBe('Healthy');

    await w.setImage(image('v2'));
    await w.advance(7000);
    ro = await w.rollout();
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toEqual(expect.stringMatching(/^ProgressDeadlineExceeded: /));
    await w.advance(5000);
    ro = await w.rollout();
    const v2 = hashOf(ro.status?.currentPodHash);
    expect(v2).not.toBe(v1);
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await selectorHash(ACTIVE)).toBe(v1);
    await promote();
    await w.advance(1000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(await selectorHash(ACTIVE)).toBe(v2);
  });

  it('progressDeadlineAbort: false only degrades; true aborts and the new RS goes to 0 after abortScaleDownDelaySeconds (TestBlueGreenExceedProgressDeadlineAbort)', async () => {
    const v1 = await deploy({ abortScaleDownDelaySeconds: 2 }, { replicas: 1 });
    // The devcluster never pulls the tag `bad` (ImagePullBackOff), so those pods never become Ready.
    await w.specPatch({
      progressDeadlineAbort: false,
      progressDeadlineSeconds: 5,
      template: { spec: { containers: [{ name: 'web', image: image('bad') }] } },
    });
    await w.advance(8000);
    let ro = await w.rollout();
    const bad = hashOf(ro.status?.currentPodHash);
    expect(bad).not.toBe(v1);
    expect(ro.status?.phase).toBe('Degraded');
    expect(ro.status?.message).toEqual(expect.stringMatching(/^ProgressDeadlineExceeded: /));
    expect(ro.status?.abort).toBeFalsy();
    expect(await podCount(bad)).toBe(1);
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await w.specPatch({ progressDeadlineAbort: true });
    await w.advance(5000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Degraded', abort: true, stableRS: v1 });
    expect(await sizeOf(bad)).toBe(0);
    expect(await podCount(bad)).toBe(0);
    expect(await selectorHash(ACTIVE)).toBe(v1);
  });
});

describe('switching to the canary strategy (functional_test.go TestBlueGreenToCanary)', () => {
  const toCanary = () =>
    w.specPatch({
      template: { metadata: { annotations: { foo: 'bar' } } },
      strategy: { blueGreen: null, canary: { steps: [{ setWeight: 50 }, { pause: {} }] } },
    });

  it('continues from the blue-green stable RS as a canary: paused at the first pause step with 1 canary + 1 stable pod', async () => {
    const v1 = await deploy({ scaleDownDelaySeconds: 5 }, { replicas: 2 });
    await toCanary();
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'CanaryPauseStep',
      currentStepIndex: 1,
      stableRS: v1,
    });
    expect(await w.counts()).toEqual({ canary: 1, stable: 1, other: 0 });
    expect(ro.status).toMatchObject({
      replicas: 2,
      updatedReplicas: 1,
      readyReplicas: 2,
      availableReplicas: 2,
    });
  });

  // Upstream's Service controller strips the hash selector (and the managed-by annotation) from a
  // Service no Rollout references any more (spec §4.1, §10.14).
  it('releases the former active Service: its hash selector is removed', async () => {
    await deploy({ scaleDownDelaySeconds: 5 }, { replicas: 2 });
    await toCanary();
    await w.advance(3000);
    const svc = (await w.h.req('GET', `${SVC}/${ACTIVE}`)).body;
    expect(svc?.spec?.selector).toEqual({ app: NAME });
    expect(
      svc?.metadata?.annotations?.['argo-rollouts.argoproj.io/managed-by-rollouts'],
    ).toBeUndefined();
  });
});
