import { describe, expect, it } from 'vitest';
import { planRollout } from '../../../../src/core/rollout/plan-rollout.js';
import type { ObservedRollout } from '../../../../src/core/rollout/plan-types.js';
import { ANNOTATIONS, OWN, type RolloutStatus } from '../../../../src/domain/index.js';
import {
  aBlueGreen,
  aPod,
  aReplicaSet,
  aService,
  type RolloutOverrides,
} from '../../../support/builders/index.js';
import { expectPlan, observed, type Row, secondsAgo, twoVersions } from '../pipeline-table.js';

type Strategy = Parameters<typeof aBlueGreen>[0];

// As a previous reconcile left it: revision 2 is v2's ReplicaSet, and the Services it manages
// are recorded (spec §4.1).
const at = (image: string, bg: Strategy = {}, o: RolloutOverrides = {}) =>
  aBlueGreen(bg, {
    image,
    metadata: {
      uid: 'ro-1',
      generation: 2,
      annotations: {
        [ANNOTATIONS.revision]: '2',
        [OWN.managedServices]: 'guestbook-active,guestbook-preview',
      },
    },
    ...o,
  });
const { v1, v2, STABLE, NEW, roles } = twoVersions((image) => at(image));

const services = (active: string, preview: string) => [
  aService('guestbook-active', {
    selector: { app: 'guestbook', 'rollouts-pod-template-hash': active },
  }),
  aService('guestbook-preview', {
    selector: { app: 'guestbook', 'rollouts-pod-template-hash': preview },
  }),
];

/**
 * `guestbook` updating from v1 (5 pods, behind the active Service) to v2 (`preview` pods, behind
 * the preview Service), with the strategy fields, status and spec changes given.
 */
function updating(o: {
  preview: number;
  bg?: Strategy;
  status?: RolloutStatus;
  spec?: RolloutOverrides['spec'];
  active?: string;
}): ObservedRollout {
  const rollout = at('demo:v2', o.bg, {
    ...(o.spec ? { spec: o.spec } : {}),
    status: {
      observedGeneration: '2',
      currentPodHash: NEW,
      stableRS: STABLE,
      blueGreen: { activeSelector: o.active ?? STABLE, previewSelector: NEW },
      ...o.status,
    },
  });
  return observed(
    rollout,
    [
      aReplicaSet(v1, { revision: 1, replicas: 5 }),
      aReplicaSet(v2, { revision: 2, replicas: o.preview }),
    ],
    { services: services(o.active ?? STABLE, NEW) },
  );
}

/** v2 fully promoted: both Services on v2, v1 scaled down. */
function promoted(o: { spec?: RolloutOverrides['spec']; pods?: boolean } = {}): ObservedRollout {
  const state = updating({ preview: 5, active: NEW, status: { stableRS: NEW }, spec: o.spec });
  const newRS = state.replicaSets[1]!;
  const pods = [0, 1, 2, 3, 4].map((index) => aPod(newRS, { index, createdAt: secondsAgo(600) }));
  return {
    ...state,
    replicaSets: [aReplicaSet(v1, { revision: 1, replicas: 0 }), newRS],
    ...(o.pods ? { pods } : {}),
  };
}

/** autoPromotionSeconds 30, in the BlueGreenPause for 10 s. */
function pausedWithAutoPromotion(): ObservedRollout {
  return updating({
    preview: 5,
    bg: { autoPromotionSeconds: 30 },
    status: {
      controllerPause: true,
      pauseConditions: [{ reason: 'BlueGreenPause', startTime: secondsAgo(10) }],
    },
  });
}

const manual: Strategy = { autoPromotionEnabled: false };

/** `retry` of an aborted update: abort cleared, v2 still up and annotated by the abort (§8.7). */
function retried(): ObservedRollout {
  const state = updating({
    preview: 5,
    bg: manual,
    status: { abort: false, abortedAt: secondsAgo(5) },
  });
  const [stable, newRS] = state.replicaSets;
  const annotations = {
    ...newRS!.metadata.annotations,
    [ANNOTATIONS.scaleDownDeadline]: secondsAgo(-25),
  };
  return {
    ...state,
    replicaSets: [stable!, { ...newRS!, metadata: { ...newRS!.metadata, annotations } }],
  };
}

const rows: Row[] = [
  [
    'first sight: creates the new ReplicaSet, points preview at it, resets the status, stops',
    () => observed(v2, [], { services: services('', '') }),
    'UpdateStarted',
    {
      actions: ['create guestbook-new', 'patch rollout', 'point guestbook-preview at new'],
      status: { currentPodHash: NEW },
    },
  ],
  [
    'a foreign ReplicaSet holding the name bumps collisionCount and stops (§8.1 step 6)',
    () => {
      const foreign = aReplicaSet(at('demo:other'), { revision: 1, replicas: 1 });
      const named = { ...foreign, metadata: { ...foreign.metadata, name: `guestbook-${NEW}` } };
      return observed(v2, [named], { services: services('', '') });
    },
    'PodTemplateHashCollision',
    { actions: [], status: { collisionCount: 1 } },
  ],
  [
    'a new template on a healthy v1: preview follows the new ReplicaSet at once (§1.7), then stops',
    () => {
      const status = { observedGeneration: '2', currentPodHash: STABLE, stableRS: STABLE };
      return observed({ ...v2, status }, [aReplicaSet(v1, { revision: 1, replicas: 5 })], {
        services: services(STABLE, STABLE),
      });
    },
    'UpdateStarted',
    {
      actions: ['create guestbook-new', 'patch rollout', 'point guestbook-preview at new'],
      status: { currentPodHash: NEW, blueGreen: { activeSelector: STABLE } },
    },
  ],
  [
    'a due restart evicts one pod and stops before scaling (§8.11)',
    () => promoted({ spec: { restartAt: secondsAgo(60) }, pods: true }),
    'PodsEvicted',
    { actions: ['evict guestbook-new-0', 'patch rollout'] },
  ],
  [
    'the preview ReplicaSet is scaled to 5 while active stays on v1 (§8.6)',
    () => updating({ preview: 0, bg: manual }),
    'UpdateInProgress',
    { actions: ['scale guestbook-new to 5'], status: { stableRS: STABLE } },
  ],
  [
    'previewReplicaCount 2 sizes the preview until promotion (§8.6)',
    () => updating({ preview: 0, bg: { ...manual, previewReplicaCount: 2 } }),
    'UpdateInProgress',
    { actions: ['scale guestbook-new to 2'] },
  ],
  [
    'preview ready with auto-promotion off: BlueGreenPause, active untouched (§8.6 pause)',
    () => updating({ preview: 5, bg: manual }),
    'BlueGreenPause',
    {
      actions: [],
      status: {
        controllerPause: true,
        pauseConditions: [{ reason: 'BlueGreenPause', startTime: '2026-12-07T03:00:00Z' }],
      },
    },
  ],
  [
    'a promote (controllerPause, no condition) switches active and marks v2 stable (§8.6)',
    () => updating({ preview: 5, bg: manual, status: { controllerPause: true } }),
    'RolloutCompleted',
    {
      actions: ['point guestbook-active at new', 'annotate guestbook-stable'],
      status: { stableRS: NEW, blueGreen: { activeSelector: NEW } },
    },
  ],
  [
    'auto-promotion (the default) switches as soon as the preview is saturated (§1.7)',
    () => updating({ preview: 5 }),
    'RolloutCompleted',
    {
      actions: ['point guestbook-active at new', 'annotate guestbook-stable'],
      status: { stableRS: NEW },
    },
  ],
  [
    'autoPromotionSeconds 30, paused 10 s ago: still paused, wakes when it ends (§8.6)',
    () => pausedWithAutoPromotion(),
    'BlueGreenPause',
    { actions: [] },
  ],
  [
    'aborted: active stays on stable, nothing promoted (§8.7)',
    () =>
      updating({
        preview: 5,
        bg: manual,
        status: { abort: true, abortedAt: secondsAgo(5) },
      }),
    'RolloutAborted',
    { actions: ['annotate guestbook-new'], status: { stableRS: STABLE, abort: true } },
  ],
  [
    'retried after an abort: the deadline the abort set is no fast rollback, it pauses again (§8.7)',
    () => retried(),
    'BlueGreenPause',
    { actions: [], status: { stableRS: STABLE, controllerPause: true } },
  ],
  [
    'a fully promoted Rollout has nothing left to do',
    () => promoted(),
    'FullyPromoted',
    { actions: [], status: { stableRS: NEW } },
  ],
  [
    'spec.paused: no pause condition, no switch (§1.8 pause)',
    () => updating({ preview: 5, spec: { paused: true } }),
    'Paused',
    { actions: [], status: { stableRS: STABLE } },
  ],
];

describe('planBlueGreen: observed state → where the plan ends, what it does', () => {
  it.each(rows)('%s', (_title, given, end, expected) => {
    expectPlan(planRollout(given()), end, expected, roles);
  });

  it('a timed pause asks to be woken just after it ends', () => {
    const plan = planRollout(pausedWithAutoPromotion());
    expect(plan.nextReconcileAt).toBe(Date.parse(secondsAgo(10)) + 30_000 + 1);
  });
});
