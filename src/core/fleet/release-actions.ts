import type {
  ClusterReleaseState,
  HoldMode,
  ReleaseFailure,
  ReleaseHold,
  ReleasePhase,
  ReleaseStatus,
} from '../../domain/fleet.js';

/**
 * What a release plan asks the controller to do, as data. Each is idempotent to execute: `deliver`
 * syncs the source at that commit into the cluster (applying it again changes nothing); `abort`
 * sets the Rollout's `spec.abort`; `hold`/`release` set or clear the release's hold on a Rollout;
 * `promote` carries the step, so one applied twice (an operation id of release, cluster and step)
 * acts once; `report` posts what GitHub shows (a commit status per wave, a Deployment per cluster).
 */
export type ReleaseAction =
  | { kind: 'deliver'; cluster: string; commit: string }
  | { kind: 'abort'; cluster: string; namespace: string; name: string; reason: string }
  | {
      kind: 'hold';
      cluster: string;
      namespace: string;
      name: string;
      mode: HoldMode;
      reason: string;
      until?: string;
    }
  | { kind: 'release'; cluster: string; namespace: string; name: string }
  | { kind: 'promote'; cluster: string; namespace: string; name: string; stepIndex: number }
  | { kind: 'report'; report: ReleaseReport };

export type WaveState = 'pending' | 'progressing' | 'soaking' | 'passed' | 'failed';

/** What the release looks like from outside: enough to post every GitHub status from. */
export interface ReleaseReport {
  source: string;
  commit: string;
  phase: ReleasePhase;
  heldBy?: ReleaseHold;
  failure?: ReleaseFailure;
  waves: { index: number; state: WaveState; soakUntil?: string; clusters: ReportCluster[] }[];
}

export interface ReportCluster {
  name: string;
  state: ClusterReleaseState;
}

export function buildReleaseReport(status: ReleaseStatus): ReleaseReport {
  return {
    source: status.source,
    commit: status.commit,
    phase: status.phase,
    ...(status.heldBy ? { heldBy: status.heldBy } : {}),
    ...(status.failure ? { failure: status.failure } : {}),
    waves: status.waves.map((w, index) => {
      const states = w.clusters.map((c) => c.state);
      const state: WaveState = states.some((s) => s === 'failed' || s === 'aborted')
        ? 'failed'
        : w.passedAt
          ? 'passed'
          : w.healthyAt
            ? 'soaking'
            : states.every((s) => s === 'pending')
              ? 'pending'
              : 'progressing';
      return {
        index,
        state,
        ...(w.soakUntil && !w.passedAt ? { soakUntil: w.soakUntil } : {}),
        clusters: w.clusters.map((c) => ({ name: c.name, state: c.state })),
      };
    }),
  };
}
