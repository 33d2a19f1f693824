import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Pod, Rollout } from '../../src/domain/index.js';
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
  startBlueGreenWorld,
  SVC,
} from './bluegreen-world.js';
import { RO, type World } from './world.js';

// Blue-green scenarios pinned from the spec (§1.5, §1.7, §1.8, §1.9, §8.6, §9.2), issue 4's acceptance.
// Every test starts with the two Services in place and a Rollout `checkout` whose container is `web`.

let w: World;
beforeEach(async () => {
  w = await startBlueGreenWorld();
});
afterEach(() => w.close());

const {
  deploy,
  update,
  promote,
  advanceTo,
  serviceSelector,
  selectorHash,
  rsOf,
  sizeOf,
  deadlineOf,
} = blueGreenHelpers(() => w);

async function podsOf(hash: string): Promise<Pod[]> {
  const pods = (
    await w.kube.list<Pod>('/api/v1/namespaces/default/pods', { labelSelector: `app=${NAME}` })
  ).items;
  return pods.filter((p) => !p.metadata.deletionTimestamp && p.metadata.labels?.[HASH] === hash);
}

const counts = (ro: Rollout) => ({
  replicas: ro.status?.replicas,
  updatedReplicas: ro.status?.updatedReplicas,
  readyReplicas: ro.status?.readyReplicas,
  availableReplicas: ro.status?.availableReplicas,
});
/** The scale subresource's view (spec §1.9, §10.15): the active ReplicaSet's size and selector incl. its hash. */
const hpa = (ro: Rollout) => ({
  HPAReplicas: ro.status?.HPAReplicas,
  selector: (ro.status?.selector ?? '').split(',').sort(),
});
const activeHpa = (replicas: number, hash: string) => ({
  HPAReplicas: replicas,
  selector: [`app=${NAME}`, `${HASH}=${hash}`],
});

describe('first deploy (spec §8.6 "Initial deploy", §10.5)', () => {
  it('scales the ReplicaSet, marks it stable, then switches active (and preview) to it — no pause even with autoPromotionEnabled false', async () => {
    await w.h.req('POST', RO, aBlueGreenRollout({ autoPromotionEnabled: false }));
    await w.settle();
    let ro = await w.rollout();
    const v1 = hashOf(ro.status?.currentPodHash);
    expect(await sizeOf(v1)).toBe(3);
    // Marked stable before the active switch; the switch waits for available pods (none are Ready yet).
    expect(ro.status?.stableRS).toBe(v1);
    expect(await selectorHash(ACTIVE)).toBeUndefined();
    expect(ro.status?.phase).toBe('Progressing');

    await w.advance(2000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      stableRS: v1,
      currentPodHash: v1,
      blueGreen: { activeSelector: v1, previewSelector: v1 },
    });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await serviceSelector(ACTIVE)).toEqual({ app: NAME, [HASH]: v1 });
    expect(await selectorHash(PREVIEW)).toBe(v1);
    const svc = (await w.h.req('GET', `${SVC}/${ACTIVE}`)).body;
    expect(svc?.metadata?.annotations?.['argo-rollouts.argoproj.io/managed-by-rollouts']).toBe(
      NAME,
    );
    expect(hpa(ro)).toEqual(activeHpa(3, v1));
    expect(counts(ro)).toEqual({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(await podsOf(v1)).toHaveLength(3);
  });
});

describe('manual promotion (autoPromotionEnabled: false)', () => {
  it('previews the new hash while active stays old; promote switches active; the old RS stays full for 30 s, then 0', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false });
    const v2 = await update('v2', v1);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'BlueGreenPause',
      stableRS: v1,
      blueGreen: { activeSelector: v1, previewSelector: v2 },
    });
    expect(ro.status?.pauseConditions).toEqual([
      { reason: 'BlueGreenPause', startTime: expect.any(String) },
    ]);
    expect(await selectorHash(PREVIEW)).toBe(v2);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect([await sizeOf(v1), await sizeOf(v2)]).toEqual([3, 3]);
    expect((await podsOf(v2)).length).toBe(3);
    // TestBlueGreenUpdate: desired 3, current 6, updated 3, ready/available from the active RS.
    expect(counts(ro)).toEqual({
      replicas: 6,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(hpa(ro)).toEqual(activeHpa(3, v1));

    await w.advance(10_000, 1000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await selectorHash(ACTIVE)).toBe(v1);

    const promotedAt = w.h.clock.now();
    await promote();
    await w.settle();
    ro = await w.rollout();
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(await selectorHash(PREVIEW)).toBe(v2);
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      stableRS: v2,
      currentPodHash: v2,
      blueGreen: { activeSelector: v2, previewSelector: v2 },
    });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(hpa(ro)).toEqual(activeHpa(3, v2));
    expect(counts(ro)).toEqual({
      replicas: 6,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    // The old active RS keeps its size, annotated with now + scaleDownDelaySeconds (default 30).
    expect(await sizeOf(v1)).toBe(3);
    const deadline = await deadlineOf(v1);
    expect(deadline).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/));
    const at = Date.parse(deadline ?? '');
    expect(at).toBeGreaterThanOrEqual(promotedAt + 29_000);
    expect(at).toBeLessThanOrEqual(promotedAt + 31_000);

    await advanceTo(promotedAt + 28_000);
    expect(await sizeOf(v1)).toBe(3);
    expect(await selectorHash(ACTIVE)).toBe(v2);
    await advanceTo(promotedAt + 32_000);
    expect(await sizeOf(v1)).toBe(0);
    expect(await podsOf(v1)).toHaveLength(0);
    expect(await sizeOf(v2)).toBe(3);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(counts(ro)).toEqual({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });

  it('keeps the conditions kubectl wait reads: Paused=True while paused, then Paused=False, Healthy=True, Completed=True (TestKubectlWaitForPaused)', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false }, { replicas: 1 });
    await update('v2', v1);
    let ro = await w.rollout();
    expect(condition(ro, 'Paused')).toMatchObject({ status: 'True', reason: 'RolloutPaused' });
    expect(condition(ro, 'Healthy')?.status).toBe('False');
    expect(condition(ro, 'Completed')).toMatchObject({
      status: 'False',
      reason: 'RolloutCompleted',
    });
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await promote();
    await w.settle();
    ro = await w.rollout();
    expect(condition(ro, 'Paused')).toMatchObject({ status: 'False', reason: 'RolloutPaused' });
    expect(condition(ro, 'Healthy')).toMatchObject({ status: 'True', reason: 'RolloutHealthy' });
    expect(condition(ro, 'Completed')).toMatchObject({
      status: 'True',
      reason: 'RolloutCompleted',
    });
    expect(ro.status?.phase).toBe('Healthy');
  });
});

describe('auto promotion', () => {
  it('with autoPromotionEnabled (default) and no seconds, switches as soon as the new pods are Ready: Healthy=False, then True (TestKubectlWaitForCompleted)', async () => {
    const v1 = await deploy({}, { replicas: 1 });
    await w.setImage(image('v2'));
    await w.settle();
    let ro = await w.rollout();
    const v2 = hashOf(ro.status?.currentPodHash);
    expect(v2).not.toBe(v1);
    expect(ro.status?.phase).toBe('Progressing');
    expect(condition(ro, 'Healthy')?.status).toBe('False');
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await w.advance(2000);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(condition(ro, 'Healthy')?.status).toBe('True');
    expect(await selectorHash(ACTIVE)).toBe(v2);
  });

  it('autoPromotionSeconds pauses, then promotes on its own within a second after startTime + seconds', async () => {
    const v1 = await deploy({ autoPromotionSeconds: 10 });
    const v2 = await update('v2', v1);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    const startTime = ro.status?.pauseConditions?.[0]?.startTime;
    expect(startTime).toBeTruthy();
    const due = Date.parse(startTime ?? '') + 10_000;

    await advanceTo(due - 500);
    ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await advanceTo(due + 1000);
    ro = await w.rollout();
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(ro.status).toMatchObject({
      phase: 'Healthy',
      stableRS: v2,
      blueGreen: { activeSelector: v2 },
    });
    expect(await sizeOf(v1)).toBe(3); // scale-down delay still running
  });
});

describe('previewReplicaCount (TestBlueGreenPreviewReplicaCount)', () => {
  it('pauses with the preview RS at previewReplicaCount; promote scales it to full before switching active', async () => {
    const v1 = await deploy({ previewReplicaCount: 1, autoPromotionEnabled: false });
    const v2 = await update('v2', v1);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({
      phase: 'Paused',
      message: 'BlueGreenPause',
      blueGreen: { activeSelector: v1, previewSelector: v2 },
    });
    expect([await sizeOf(v1), await sizeOf(v2)]).toEqual([3, 1]);
    expect((await podsOf(v2)).length).toBe(1);
    expect((await podsOf(v1)).length).toBe(3);
    expect(counts(ro)).toEqual({
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(hpa(ro)).toEqual(activeHpa(3, v1)); // the active RS, not the preview
    expect(await selectorHash(PREVIEW)).toBe(v2);
    expect(await selectorHash(ACTIVE)).toBe(v1);

    await promote();
    await w.settle(); // no time passes: the two new pods cannot be Ready yet
    ro = await w.rollout();
    expect(await sizeOf(v2)).toBe(3);
    expect(await selectorHash(ACTIVE)).toBe(v1);
    expect(ro.status?.phase).toBe('Progressing');

    await w.advance(2000);
    ro = await w.rollout();
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect([await sizeOf(v1), await sizeOf(v2)]).toEqual([3, 3]);
    expect(counts(ro)).toEqual({
      replicas: 6,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });
});

describe('promote --full (status {promoteFull: true})', () => {
  it('while paused: switches active at once, Healthy, promoteFull cleared', async () => {
    const v1 = await deploy({ autoPromotionEnabled: false });
    const v2 = await update('v2', v1);
    expect((await w.rollout()).status?.phase).toBe('Paused');
    await w.statusPatch({ promoteFull: true });
    await w.settle();
    const ro = await w.rollout();
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2, currentPodHash: v2 });
    expect(ro.status?.promoteFull).toBeFalsy();
    expect(ro.status?.pauseConditions ?? []).toEqual([]);
    expect(await sizeOf(v1)).toBe(3);
  });

  it('with previewReplicaCount: a pause longer than progressDeadlineSeconds stays Paused; promote --full scales the preview to full (TestBlueGreenPreviewReplicaCountPromoteFull)', async () => {
    const v1 = await deploy(
      { previewReplicaCount: 1, autoPromotionEnabled: false },
      { progressDeadlineSeconds: 5 },
    );
    const v2 = await update('v2', v1);
    await w.advance(10_000, 1000);
    let ro = await w.rollout();
    expect(ro.status).toMatchObject({ phase: 'Paused', message: 'BlueGreenPause' });
    expect(await sizeOf(v2)).toBe(1);

    await w.statusPatch({ promoteFull: true });
    await w.settle();
    expect(await sizeOf(v2)).toBe(3);
    expect(await selectorHash(ACTIVE)).toBe(v1); // not before the new pods are Ready
    await w.advance(2000);
    ro = await w.rollout();
    expect(await selectorHash(ACTIVE)).toBe(v2);
    expect(ro.status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(ro.status?.promoteFull).toBeFalsy();
    expect(counts(ro)).toEqual({
      replicas: 6,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
  });
});

describe('preview / active ephemeral metadata (bluegreen_test.go TestEphemeralMetadata)', () => {
  const labelsOf = async (hash: string) =>
    Object.fromEntries(
      (await podsOf(hash)).map((p) => [
        p.metadata.name,
        { role: p.metadata.labels?.role, role2: p.metadata.labels?.role2 },
      ]),
    );
  const every = (names: string[], labels: { role?: string; role2?: string }) =>
    Object.fromEntries(names.map((n) => [n, { role: labels.role, role2: labels.role2 }]));
  const bgPatch = (blueGreen: Record<string, unknown>) => w.specPatch({ strategy: { blueGreen } });

  it('labels preview pods, swaps them to active metadata in place on promotion, and follows later edits', async () => {
    const v1 = await deploy(
      {
        autoPromotionEnabled: false,
        previewMetadata: { labels: { role: 'preview' } },
        activeMetadata: { labels: { role: 'active' } },
      },
      { replicas: 2 },
    );
    const first = Object.keys(await labelsOf(v1));
    expect(first).toHaveLength(2);
    expect(await labelsOf(v1)).toEqual(every(first, { role: 'active' }));

    const v2 = await update('v2', v1);
    expect((await w.rollout()).status?.phase).toBe('Paused');
    const preview = Object.keys(await labelsOf(v2));
    expect(preview).toHaveLength(2);
    expect(await labelsOf(v2)).toEqual(every(preview, { role: 'preview' }));
    expect(await labelsOf(v1)).toEqual(every(first, { role: 'active' }));

    // Previously injected keys are removed, new ones added, on the running pods.
    await bgPatch({ previewMetadata: { labels: { role: null, role2: 'preview2' } } });
    await w.advance(1000);
    expect(await labelsOf(v2)).toEqual(every(preview, { role2: 'preview2' }));

    await promote();
    await w.advance(2000);
    expect((await w.rollout()).status).toMatchObject({ phase: 'Healthy', stableRS: v2 });
    expect(await labelsOf(v2)).toEqual(every(preview, { role: 'active' }));

    await bgPatch({ activeMetadata: { labels: { role: null, role2: 'active2' } } });
    await w.advance(1000);
    expect(await labelsOf(v2)).toEqual(every(preview, { role2: 'active2' }));
    expect((await rsOf(v2))?.spec.template?.metadata?.labels?.role2).toBe('active2');
  });
});
