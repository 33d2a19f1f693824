// Builders for the release planner's tests: a Release, Rollout summaries, cluster observations.
import { planRelease, type ReleasePlan } from '../../../src/core/fleet/index.js';
import type {
  ClusterObservation,
  Release,
  ReleaseSpec,
  RolloutSummary,
  StopSwitch,
  Wave,
  WindowConfig,
} from '../../../src/domain/fleet.js';

export const COMMIT = 'c0ffee1234567890c0ffee1234567890c0ffee12';
export const T0 = Date.parse('2026-01-05T10:00:00Z');
export const MIN = 60_000;

export const aWave = (clusters: string[], overrides: Partial<Wave> = {}): Wave => ({
  clusters,
  soakSeconds: 0,
  lockstep: false,
  ...overrides,
});

/** staging, then prod-eu with a 30-minute soak, then prod-us and prod-ap. */
export const THREE_WAVES: Wave[] = [
  aWave(['staging']),
  aWave(['prod-eu'], { soakSeconds: 1800 }),
  aWave(['prod-us', 'prod-ap']),
];

export function aRelease(spec: Partial<ReleaseSpec> = {}): Release {
  return {
    metadata: { name: 'shop-c0ffee1', namespace: 'argo-rollouts' },
    spec: {
      source: 'shop',
      namespace: 'shop',
      commit: COMMIT,
      committedAt: '2026-01-05T09:50:00Z',
      waves: THREE_WAVES,
      onFailure: 'halt',
      ...spec,
    },
  };
}

export function aSummary(overrides: Partial<RolloutSummary> = {}): RolloutSummary {
  return {
    cluster: 'staging',
    namespace: 'shop',
    name: 'web',
    revision: 2,
    phase: 'Progressing',
    aborted: false,
    analysesPassed: true,
    stepIndex: 0,
    paused: false,
    commit: COMMIT,
    statusCurrent: true,
    ...overrides,
  };
}

/** A cluster that applied the commit, with its `web` Rollout as given. */
export function applied(
  cluster: string,
  rollout: Partial<RolloutSummary> = {},
): ClusterObservation {
  return { cluster, appliedCommit: COMMIT, rollouts: [aSummary({ cluster, ...rollout })] };
}

export const healthy = (cluster: string, extra: Partial<RolloutSummary> = {}) =>
  applied(cluster, { phase: 'Healthy', stepIndex: 3, ...extra });

/** A cluster not yet given the commit: its Rollout on the previous one. */
export function notYet(cluster: string): ClusterObservation {
  return {
    cluster,
    appliedCommit: 'older',
    rollouts: [aSummary({ cluster, commit: 'older', phase: 'Healthy', revision: 1 })],
  };
}

export const NO_WINDOWS: WindowConfig = { windows: [], freezes: [] };

export interface Inputs {
  observed?: ClusterObservation[];
  stops?: StopSwitch[];
  windows?: WindowConfig;
  now?: number;
}

/** Plans, and returns the plan with the Release as the controller persists it afterwards. */
export function step(release: Release, inputs: Inputs = {}): ReleasePlan & { release: Release } {
  const plan = planRelease(
    release,
    inputs.observed ?? [],
    inputs.stops ?? [],
    inputs.windows ?? NO_WINDOWS,
    inputs.now ?? T0,
  );
  return { ...plan, release: { ...release, status: plan.status } };
}

export const kinds = (plan: ReleasePlan) => plan.actions.map((a) => a.kind);

export const stateOf = (release: Release) =>
  release.status?.waves.map((w) => w.clusters.map((c) => `${c.name}:${c.state}`).join(' ')) ?? [];
