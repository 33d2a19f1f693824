import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeApiError, KubeClient } from '../../src/adapters/kube/index.js';
import {
  executeOperation,
  type OperationOutcome,
  type OperationRequest,
} from '../../src/controller/execute-operation.js';
import { executeSetImage } from '../../src/controller/execute-set-image.js';
import { executeUndo } from '../../src/controller/execute-undo.js';
import { reconcileRollout } from '../../src/controller/reconcile-rollout.js';
import type { RolloutOperation, SeenState } from '../../src/core/rollout/operations/index.js';
import { startWorld, type World } from './world.js';

// Issue 15: every operation is bound to the state its caller saw (step index, pod hash). A second
// promote meant for the same pause must not move the Rollout on again, whether the first one has
// only landed or the controller has already acted on it; a stale write changes nothing.

let w: World;
beforeEach(async () => {
  w = await startWorld('shop');
});
afterEach(() => w.close());

const who = { actor: 'api:test', via: 'test' };
const ref = { namespace: 'default', name: 'shop' };
const deps = () => ({ kube: w.kube, now: () => w.h.clock.now() });
const exec = (
  operation: RolloutOperation,
  extra: Partial<OperationRequest> = {},
  kube: KubeClient = w.kube,
) =>
  executeOperation({ kube, now: () => w.h.clock.now() }, { ...ref, operation, ...who, ...extra });
const reconcile = () => reconcileRollout(deps(), ref);

/** v1 deployed, v2 paused at step index 1 (the indefinite pause after setWeight 20); what a caller sees there. */
async function pausedAtStep2(): Promise<SeenState> {
  await w.deploy();
  await w.setImage('registry.example/shop:v2');
  await w.advance(3000);
  const ro = await w.rollout();
  expect(ro.status).toMatchObject({
    phase: 'Paused',
    message: 'CanaryPauseStep',
    currentStepIndex: 1,
  });
  return { stepIndex: 1, podHash: ro.status?.currentPodHash ?? '' };
}

/** One step on from index 1: the controller ran through setWeight 40 into the timed pause at index 3. */
async function expectOneStepOn(): Promise<void> {
  await w.advance(3000); // well inside the next pause's 10 s
  expect((await w.rollout()).status).toMatchObject({ phase: 'Paused', currentStepIndex: 3 });
  expect(await w.counts()).toEqual({ canary: 2, stable: 3, other: 0 });
  const completed = (
    await w.kube.list<{ reason: string; message: string }>('/api/v1/namespaces/default/events')
  ).items.filter((e) => e.reason === 'RolloutStepCompleted');
  expect(completed.filter((e) => e.message.startsWith('Rollout step 4/8'))).toHaveLength(0);
}

const outcomeOf = (p: Promise<OperationOutcome>) =>
  p.catch((e: unknown) =>
    e instanceof KubeApiError && e.isConflict
      ? ({ outcome: 'conflict' } as const)
      : Promise.reject(e),
  );

describe('promotes meant for the same pause', () => {
  it('fifty concurrent bound promotes, with the controller reconciling in between, advance exactly one step', async () => {
    const seen = await pausedAtStep2();
    const controller = (async () => {
      for (let i = 0; i < 10; i++) {
        await reconcile().catch(() => undefined);
        await w.h.settle();
      }
    })();
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        outcomeOf(exec('promote', { expected: seen, ...(i % 2 ? { id: `click-${i}` } : {}) })),
      ),
    );
    await controller;
    expect(outcomes.filter((o) => o.outcome === 'done')).toHaveLength(1);
    // Every other one is refused with a reason (pending, or moved on) or lost the write race.
    for (const o of outcomes.filter((x) => x.outcome !== 'done')) {
      expect(['refused', 'stale', 'conflict']).toContain(o.outcome);
      if (o.outcome === 'refused' || o.outcome === 'stale')
        expect(o.reason).toMatch(/already pending|moved on|changed while promote/);
    }
    await expectOneStepOn();
  });

  it('a double click: the second promote, meant for the same state, is refused whether or not the controller acted in between', async () => {
    const seen = await pausedAtStep2();
    expect(await exec('promote', { expected: seen })).toMatchObject({ outcome: 'done' });
    // Landed, controller not yet acted: the promote is pending.
    expect(await exec('promote', { expected: seen })).toEqual({
      outcome: 'refused',
      reason: 'a promote of rollout shop is already pending: the controller has not resumed it yet',
    });
    await w.settle();
    w.h.clock.advance(300);
    // The controller has moved on to the next step: still refused, and nothing written.
    const before = (await w.rollout()).metadata.resourceVersion;
    const second = await exec('promote', { expected: seen, id: 'click-2' });
    expect(second).toMatchObject({
      outcome: 'stale',
      current: { stepIndex: 2, podHash: seen.podHash },
    });
    expect(second.outcome === 'stale' && second.reason).toBe(
      'rollout shop has moved on from the state this operation was meant for (step index 1 → 2); nothing was changed',
    );
    expect((await w.rollout()).metadata.resourceVersion).toBe(before);
    await expectOneStepOn();
  });
});

describe('stale writes bound to an old pod hash change nothing', () => {
  /** v2 paused at step index 1; then v3 rolled out to its own first pause: the v2 hash is old. */
  async function movedOnToV3(): Promise<SeenState> {
    const old = await pausedAtStep2();
    await w.setImage('registry.example/shop:v3');
    await w.advance(3000);
    const ro = await w.rollout();
    expect(ro.status?.currentPodHash).not.toBe(old.podHash);
    expect(ro.status).toMatchObject({ currentStepIndex: 1 });
    return old;
  }

  it.each(['promote', 'promoteFull', 'abort', 'pause', 'resume', 'retry', 'restart'] as const)(
    '%s',
    async (operation) => {
      const old = await movedOnToV3();
      const before = await w.rollout();
      const outcome = await exec(operation, { expected: old, id: 'stale-click' });
      expect(outcome).toMatchObject({
        outcome: 'stale',
        current: { stepIndex: 1, podHash: before.status?.currentPodHash },
      });
      expect(outcome.outcome === 'stale' && outcome.reason).toContain(
        `pod hash ${old.podHash} → ${before.status?.currentPodHash ?? ''}`,
      );
      expect((await w.rollout()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    },
  );

  it('set image and undo', async () => {
    const old = await movedOnToV3();
    const before = await w.rollout();
    expect(
      await executeSetImage(deps(), ref, 'web', 'registry.example/shop:v9', who, old),
    ).toMatchObject({ outcome: 'stale' });
    expect(await executeUndo(deps(), ref, 0, who, old)).toMatchObject({ outcome: 'stale' });
    expect((await w.rollout()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('a template change the controller has not acted on yet stops a write bound to the hash still shown', async () => {
    const seen = await pausedAtStep2();
    await w.setImage('registry.example/shop:v3'); // generation moves; status still shows the v2 hash
    const before = await w.rollout();
    const outcome = await exec('abort', { expected: seen });
    expect(outcome).toMatchObject({ outcome: 'stale' });
    expect(outcome.outcome === 'stale' && outcome.reason).toMatch(
      /has a spec change the controller has not acted on yet \(generation \d+, observed \d+\)/,
    );
    expect((await w.rollout()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it('a write the caller did not bind is bound to what it reads first (raw plugin semantics otherwise)', async () => {
    await pausedAtStep2();
    await w.setImage('registry.example/shop:v3');
    expect(await exec('pause')).toMatchObject({ outcome: 'done' });
    expect((await w.rollout()).spec.paused).toBe(true);
  });
});

/** A KubeClient that lets another writer in once, just before its first write. */
class RacingKube extends KubeClient {
  private raced = false;
  constructor(private readonly race: () => Promise<unknown>) {
    super({ server: w.h.url });
  }
  override async mergePatch<T>(path: string, patch: unknown): Promise<T> {
    await this.first();
    return super.mergePatch<T>(path, patch);
  }
  override async jsonPatch<T>(
    path: string,
    ops: Parameters<KubeClient['jsonPatch']>[1],
  ): Promise<T> {
    await this.first();
    return super.jsonPatch<T>(path, ops);
  }
  private async first(): Promise<void> {
    if (this.raced) return;
    this.raced = true;
    await this.race();
  }
}

describe('a write conflict is never re-planned into another operation', () => {
  const image = async () =>
    ((await w.rollout()).spec.template?.spec?.containers as Array<{ image: string }>)[0]?.image;

  it('set image: another template written between the read and the write makes it stale', async () => {
    await pausedAtStep2();
    const racing = new RacingKube(() => w.setImage('registry.example/shop:v3'));
    const outcome = await executeSetImage(
      { kube: racing, now: () => w.h.clock.now() },
      ref,
      'web',
      'registry.example/shop:v4',
      who,
    );
    expect(outcome).toMatchObject({ outcome: 'stale' });
    // The new template is not hashed yet (same pod hash): the spec generation says it moved on.
    expect(outcome.outcome === 'stale' && outcome.reason).toMatch(
      /^rollout shop has moved on from the state this operation was meant for \(spec generation (\d+) → (\d+)\); nothing was changed$/,
    );
    expect(await image()).toBe('registry.example/shop:v3');
  });

  it('set image: a status write between the read and the write is retried into the same edit', async () => {
    await pausedAtStep2();
    const racing = new RacingKube(() => w.statusPatch({ message: 'a racing writer' }));
    expect(
      await executeSetImage(
        { kube: racing, now: () => w.h.clock.now() },
        ref,
        'web',
        'registry.example/shop:v4',
        who,
      ),
    ).toMatchObject({ outcome: 'done' });
    expect(await image()).toBe('registry.example/shop:v4');
  });

  it('undo: the JSON patch carries the resourceVersion read; a template written meanwhile makes it stale', async () => {
    await pausedAtStep2();
    const racing = new RacingKube(() => w.setImage('registry.example/shop:v3'));
    expect(
      await executeUndo({ kube: racing, now: () => w.h.clock.now() }, ref, 0, who),
    ).toMatchObject({ outcome: 'stale' });
    expect(await image()).toBe('registry.example/shop:v3');
  });

  it('promote: a pause ended by someone else between the read and the write is stale, not a second promote', async () => {
    const seen = await pausedAtStep2();
    const racing = new RacingKube(async () => {
      await w.statusPatch({ pauseConditions: null });
      await reconcile(); // the controller acts on that promote: step index 2
    });
    expect(await exec('promote', { expected: seen }, racing)).toMatchObject({
      outcome: 'stale',
      current: { stepIndex: 2 },
    });
    await expectOneStepOn();
  });
});
