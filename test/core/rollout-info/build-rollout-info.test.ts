import { describe, expect, it } from 'vitest';
import { buildRolloutInfo } from '../../../src/core/rollout-info/index.js';
import type { RolloutStatus } from '../../../src/domain/index.js';
import { aPod, aReplicaSet, aRollout, anAnalysisRun, ago, NOW } from './builders.js';

// The `get rollout` tree (spec §5) from observed objects: grouping by revision, roles, weights,
// images, analysis counts. Objects owned by someone else never appear.

const midCanary: RolloutStatus = {
  phase: 'Paused',
  currentStepIndex: 1,
  currentPodHash: 'new',
  stableRS: 'old',
  availableReplicas: 5,
  pauseConditions: [{ reason: 'CanaryPauseStep', startTime: ago(5) }],
};

describe('buildRolloutInfo', () => {
  it('groups ReplicaSets, pods and AnalysisRuns by revision, newest first, and tags canary and stable', () => {
    const info = buildRolloutInfo({
      rollout: aRollout({ status: midCanary }),
      replicaSets: [
        aReplicaSet({ hash: 'old', revision: 1, replicas: 4 }),
        aReplicaSet({ hash: 'new', revision: 2, replicas: 1 }),
        aReplicaSet({ hash: 'foreign', revision: 9, ownerUid: 'someone-else' }),
      ],
      pods: [
        aPod({ name: 'shop-new-a', rsHash: 'new' }),
        aPod({ name: 'shop-old-b', rsHash: 'old', ageSeconds: 100 }),
        aPod({ name: 'shop-old-a', rsHash: 'old', ageSeconds: 200 }),
        aPod({ name: 'stray', rsHash: 'foreign' }),
      ],
      analysisRuns: [
        anAnalysisRun({
          name: 'shop-new-2-1',
          revision: 2,
          phase: 'Successful',
          results: [{ name: 'm', successful: 2, failed: 1, inconclusive: 0, error: 1 }],
        }),
      ],
      now: NOW,
    });
    expect(info.revisions.map((r) => r.revision)).toEqual([2, 1]);
    const [rev2, rev1] = info.revisions;
    expect(rev2?.replicaSets.map((r) => [r.name, r.canary, r.stable])).toEqual([
      ['shop-new', true, false],
    ]);
    expect(rev1?.replicaSets.map((r) => [r.name, r.canary, r.stable])).toEqual([
      ['shop-old', false, true],
    ]);
    // Pods oldest first.
    expect(rev1?.replicaSets[0]?.pods.map((p) => p.name)).toEqual(['shop-old-a', 'shop-old-b']);
    expect(rev2?.analysisRuns[0]).toMatchObject({
      name: 'shop-new-2-1',
      icon: '✔',
      successful: 2,
      failed: 1,
      inconclusive: 0,
      error: 1,
    });
    expect(info.images).toEqual([
      { image: 'shop:new', tags: ['canary'] },
      { image: 'shop:old', tags: ['stable'] },
    ]);
    expect(info).toMatchObject({
      name: 'shop',
      status: 'Paused',
      step: '1/4',
      setWeight: 20,
      ageSeconds: 3600,
    });
  });

  it.each([
    [
      'basic canary: the canary share of available pods',
      { ...midCanary, availableReplicas: 4 },
      false,
      1,
      25,
    ],
    ['basic canary: no pods available yet', { ...midCanary, availableReplicas: 0 }, false, 1, 0],
    ['past the last step', { ...midCanary, currentStepIndex: 4 }, false, 1, 100],
    [
      'traffic routing: the weight the controller set',
      { ...midCanary, canary: { weights: { canary: { weight: 15 } } } },
      true,
      1,
      15,
    ],
    ['traffic routing before any weight is recorded: the step weight', midCanary, true, 1, 20],
  ])('actual weight, %s', (_name, status, trafficRouting, canaryAvailable, weight) => {
    const info = buildRolloutInfo({
      rollout: aRollout({ status, trafficRouting }),
      replicaSets: [
        aReplicaSet({ hash: 'old', revision: 1, replicas: 4 }),
        aReplicaSet({ hash: 'new', revision: 2, replicas: 1, available: canaryAvailable }),
      ],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(info.actualWeight).toBe(weight);
  });

  it('blue-green: active and preview roles and image tags; no weights', () => {
    const info = buildRolloutInfo({
      rollout: aRollout({
        blueGreen: true,
        status: {
          phase: 'Paused',
          currentPodHash: 'new',
          stableRS: 'old',
          blueGreen: { activeSelector: 'old', previewSelector: 'new' },
        },
      }),
      replicaSets: [
        aReplicaSet({ hash: 'old', revision: 1, replicas: 2 }),
        aReplicaSet({ hash: 'new', revision: 2, replicas: 2 }),
      ],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(info.actualWeight).toBeUndefined();
    expect(info.images).toEqual([
      { image: 'shop:new', tags: ['preview'] },
      { image: 'shop:old', tags: ['active', 'stable'] },
    ]);
  });

  it.each([
    ['scaled to zero', { replicas: 0 }, 'ScaledDown', '•'],
    ['not all available', { replicas: 3, available: 1 }, 'Progressing', '◌'],
    [
      'a spec change not yet observed',
      { replicas: 1, generation: 2, observed: 1 },
      'Progressing',
      '◌',
    ],
    ['all available', { replicas: 3, available: 3 }, 'Healthy', '✔'],
  ])('ReplicaSet health: %s', (_name, o, status, icon) => {
    const info = buildRolloutInfo({
      rollout: aRollout({ status: midCanary }),
      replicaSets: [aReplicaSet({ hash: 'x', revision: 1, ...o })],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(info.revisions[0]?.replicaSets[0]).toMatchObject({ status, icon });
  });

  it('reports the seconds left of a scale-down delay', () => {
    const deadline = new Date(NOW + 25_000).toISOString();
    const info = buildRolloutInfo({
      rollout: aRollout({ status: midCanary }),
      replicaSets: [
        aReplicaSet({ hash: 'old', revision: 1, annotations: { 'scale-down-deadline': deadline } }),
      ],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(info.revisions[0]?.replicaSets[0]).toMatchObject({
      scaleDownDeadline: deadline,
      scaleDownDelaySeconds: 25,
    });
  });

  it('lists the Jobs a job metric ran under its AnalysisRun, in the namespace the provider recorded', () => {
    const measurement = {
      phase: 'Successful',
      startedAt: ago(8),
      metadata: { 'job-name': 'uid.m.1', 'job-namespace': 'jobs' },
    };
    const info = buildRolloutInfo({
      rollout: aRollout({ status: midCanary }),
      replicaSets: [],
      pods: [],
      analysisRuns: [
        anAnalysisRun({
          name: 'r',
          revision: 2,
          results: [{ name: 'm', successful: 1, measurements: [measurement] }],
        }),
      ],
      now: NOW,
    });
    expect(info.revisions[0]?.analysisRuns[0]?.jobs).toEqual([
      {
        name: 'uid.m.1',
        namespace: 'jobs',
        createdAt: ago(8),
        ageSeconds: 8,
        status: 'Successful',
        icon: '✔',
      },
    ]);
  });

  it('errors: the InvalidSpec message, and once aborted the failed analysis message', () => {
    const invalid = buildRolloutInfo({
      rollout: aRollout({
        status: {
          conditions: [
            {
              type: 'InvalidSpec',
              status: 'True',
              reason: 'InvalidSpec',
              message: 'The Rollout "shop" is invalid: x',
            },
          ] as RolloutStatus['conditions'],
        },
      }),
      replicaSets: [],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(invalid.errors).toEqual(['The Rollout "shop" is invalid: x']);
    const aborted = buildRolloutInfo({
      rollout: aRollout({
        status: {
          ...midCanary,
          abort: true,
          canary: {
            currentStepAnalysisRunStatus: {
              name: 'r',
              status: 'Failed',
              message: 'metric "m" assessed Failed',
            },
          },
        },
      }),
      replicaSets: [],
      pods: [],
      analysisRuns: [],
      now: NOW,
    });
    expect(aborted.errors).toEqual(['metric "m" assessed Failed']);
  });
});
