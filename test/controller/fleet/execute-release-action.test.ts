import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import {
  executeRolloutAction,
  type ReleaseActionDeps,
} from '../../../src/controller/fleet/execute-release-action.js';
import { OWN, type Rollout } from '../../../src/domain/index.js';
import { failure } from '../../support/kube-failure.js';
import { RO, startWorld, type World } from '../world.js';

// The release loop's actions on Rollouts (issue 21 §3, §4), executed in two devclusters as the
// loop executes them: each is idempotent, acts only in its own cluster, and treats a Rollout that
// is gone as done.
let eu: World;
let us: World;
beforeEach(async () => {
  [eu, us] = await Promise.all([startWorld('shop'), startWorld('shop')]);
});
afterEach(() => Promise.all([eu.close(), us.close()]));

const RELEASE = 'shop-c0ffee0';
const deps = (o: Partial<ReleaseActionDeps> = {}): ReleaseActionDeps => ({
  kubeFor(cluster) {
    if (cluster === 'eu') return eu.kube;
    if (cluster === 'us') return us.kube;
    throw new Error(`no cluster ${cluster}`);
  },
  now: () => eu.h.clock.now(),
  release: RELEASE,
  ...o,
});
const target = { cluster: 'eu', namespace: 'default', name: 'shop' };
const markOf = (ro: Rollout) => ro.metadata.annotations?.[OWN.releaseHold];

/** Both clusters with the canary paused at its first (indefinite) pause, step 1. */
async function pausedInBoth(): Promise<void> {
  for (const w of [eu, us]) {
    await w.deploy();
    await w.setImage('registry.example/shop:v2');
    await w.advance(2_000);
    expect((await w.rollout()).status?.currentStepIndex).toBe(1);
  }
}

describe('hold and release', () => {
  it('hold writes the mark once; the same hold again writes nothing', async () => {
    await eu.deploy();
    const hold = {
      kind: 'hold',
      ...target,
      mode: 'step',
      reason: 'deny window "weekend"',
    } as const;
    await executeRolloutAction(deps(), { ...hold, until: '2026-12-12T00:00:00Z' });
    const held = await eu.rollout();
    expect(JSON.parse(markOf(held) ?? '')).toEqual({
      mode: 'step',
      release: RELEASE,
      reason: 'deny window "weekend"',
      until: '2026-12-12T00:00:00Z',
    });
    await executeRolloutAction(deps(), { ...hold, until: '2026-12-12T00:00:00Z' });
    expect((await eu.rollout()).metadata.resourceVersion).toBe(held.metadata.resourceVersion);
    // Another cluster's Rollout of the same name is untouched.
    await us.deploy();
    expect(markOf(await us.rollout())).toBeUndefined();
    // A different hold replaces it.
    await executeRolloutAction(deps(), {
      ...hold,
      mode: 'pause',
      reason: 'lockstep with its peers',
    });
    expect(JSON.parse(markOf(await eu.rollout()) ?? '')).toEqual({
      mode: 'pause',
      release: RELEASE,
      reason: 'lockstep with its peers',
    });
  });

  it('release lifts only this release’s mark, and a second release changes nothing', async () => {
    await eu.deploy();
    await executeRolloutAction(deps(), { kind: 'hold', ...target, mode: 'step', reason: 'x' });
    await executeRolloutAction(deps(), { kind: 'release', ...target });
    const released = await eu.rollout();
    expect(markOf(released)).toBeUndefined();
    await executeRolloutAction(deps(), { kind: 'release', ...target });
    expect((await eu.rollout()).metadata.resourceVersion).toBe(released.metadata.resourceVersion);
  });

  it.each([
    ['a newer release', JSON.stringify({ mode: 'step', release: 'shop-1234567', reason: 'x' })],
    ['nobody it can tell', '{not json'],
  ])('a hold of %s is not ours to lift', async (_who, mark) => {
    await eu.deploy();
    await eu.h.req(
      'PATCH',
      `${RO}/shop`,
      { metadata: { annotations: { [OWN.releaseHold]: mark } } },
      'application/merge-patch+json',
    );
    await executeRolloutAction(deps(), { kind: 'release', ...target });
    expect(markOf(await eu.rollout())).toBe(mark);
  });

  it.each([
    [{ kind: 'hold', ...target, mode: 'step', reason: 'x' }],
    [{ kind: 'release', ...target }],
    [{ kind: 'abort', ...target, reason: 'failed elsewhere' }],
    [{ kind: 'promote', ...target, stepIndex: 1 }],
  ] as const)('%j on a Rollout that is gone is done and creates nothing', async (action) => {
    await executeRolloutAction(deps(), action);
    expect((await eu.kube.list(RO)).items).toEqual([]);
  });
});

describe('abort', () => {
  it('aborts the update in its cluster only, by the release, once', async () => {
    await pausedInBoth();
    const abort = { kind: 'abort', ...target, reason: 'release of c0ffee0 failed in us' } as const;
    await executeRolloutAction(deps(), abort);
    await eu.advance(2_000);
    const aborted = await eu.rollout();
    expect(aborted.status).toMatchObject({ abort: true, phase: 'Degraded' });
    expect((await us.rollout()).status?.abort).toBeUndefined();
    const events = (
      await eu.kube.list<{ reason?: string; message?: string }>('/api/v1/namespaces/default/events')
    ).items.filter((e) => e.message?.includes(`release:${RELEASE}`));
    expect(events.map((e) => e.message)).toEqual([
      expect.stringContaining(
        'abort requested by release:shop-c0ffee0 (release of c0ffee0 failed in us)',
      ),
    ]);
    // Asked again (a crashed handler's repeat), and after `retry`: the release does not abort twice.
    await executeRolloutAction(deps(), abort);
    await eu.statusPatch({ abort: false });
    await executeRolloutAction(deps(), abort);
    expect((await eu.rollout()).status?.abort).toBe(false);
  });
});

describe('promote (lockstep)', () => {
  it('promotes past the step it names, once per release, cluster and step', async () => {
    await pausedInBoth();
    const promote = { kind: 'promote', ...target, stepIndex: 1 } as const;
    await executeRolloutAction(deps(), promote);
    await eu.advance(1_000);
    expect((await eu.rollout()).status?.currentStepIndex).toBe(3);
    expect((await us.rollout()).status?.currentStepIndex).toBe(1);
    // The same promote again is a repeat, not a promote past step 3.
    await executeRolloutAction(deps(), promote);
    await eu.advance(1_000);
    expect((await eu.rollout()).status?.currentStepIndex).toBe(3);
    await executeRolloutAction(deps(), { ...promote, cluster: 'us' });
    await us.advance(1_000);
    expect((await us.rollout()).status?.currentStepIndex).toBe(3);
  });

  it('a promote planned for a step the Rollout has left is refused, logged, and changes nothing', async () => {
    await pausedInBoth();
    // Someone (here another release) promoted it past step 1 since the plan was made.
    await executeRolloutAction(deps({ release: 'someone-else' }), {
      kind: 'promote',
      ...target,
      stepIndex: 1,
    });
    await eu.advance(1_000);
    const before = await eu.rollout();
    expect(before.status?.currentStepIndex).toBe(3);
    const lines: string[] = [];
    await executeRolloutAction(deps({ log: (l) => lines.push(l) }), {
      kind: 'promote',
      ...target,
      stepIndex: 1,
    });
    await eu.advance(1_000);
    expect((await eu.rollout()).status?.currentStepIndex).toBe(3);
    expect(lines).toEqual([
      expect.stringMatching(/^release shop-c0ffee0: promote eu\/default\/shop not applied: /),
    ]);
  });
});

describe('faults', () => {
  it('an unknown cluster throws', async () => {
    await expect(
      executeRolloutAction(deps(), { kind: 'release', ...target, cluster: 'mars' }),
    ).rejects.toThrow('no cluster mars');
  });

  it('an unreachable cluster throws a retryable KubeApiError for the loop to retry', async () => {
    const down = new KubeClient({ server: 'http://127.0.0.1:9', retry: false, timeoutMs: 2_000 });
    for (const action of [
      { kind: 'hold', ...target, mode: 'step', reason: 'x' },
      { kind: 'abort', ...target, reason: 'x' },
      { kind: 'promote', ...target, stepIndex: 1 },
    ] as const) {
      const e = await failure(executeRolloutAction(deps({ kubeFor: () => down }), action));
      expect(e.retryable).toBe(true);
    }
  });
});
