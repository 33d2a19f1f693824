import type {
  ClusterReleaseStatus,
  HoldMode,
  ReleaseRolloutStatus,
  ReleaseStatus,
  RolloutSummary,
  Wave,
  WaveStatus,
} from '../../domain/fleet.js';
import type { ReleaseAction } from './release-actions.js';
import type { Gate } from './release-gates.js';
import { rolloutKey } from './release-observe.js';

/** Observed Rollouts by `<cluster>/<namespace>/<name>`. */
export type ObservedRollouts = ReadonlyMap<string, RolloutSummary>;

export function observedKey(cluster: string, r: { namespace: string; name: string }): string {
  return `${cluster}/${rolloutKey(r)}`;
}

interface DesiredHold {
  mode: HoldMode;
  reason: string;
  until?: string;
}

/**
 * The holds the release keeps on its in-flight Rollouts (issue 21 §3, §4): in the wave in flight,
 * a Rollout not yet healthy holds at its step while its cluster's gate is closed, and, in a
 * lockstep wave, at each pause until promoted with its peers. Everywhere else the release holds
 * nothing. Emits `hold`/`release` only where the recorded hold differs, so a re-plan adds none.
 */
export function planHolds(
  status: ReleaseStatus,
  waves: readonly Wave[],
  inFlight: number | undefined,
  gates: ReadonlyMap<string, Gate | undefined>,
  observed: ObservedRollouts,
  actions: ReleaseAction[],
): void {
  for (const [index, wave] of status.waves.entries())
    for (const cluster of wave.clusters)
      for (const r of cluster.rollouts) {
        const seen = observed.get(observedKey(cluster.name, r));
        followObservedHold(r, seen);
        // Lockstep moves canary steps together; a Rollout without steps (blue-green) has no
        // step to meet its peers at, so holding its pause would keep it there for good.
        const lockstep = waves[index]?.lockstep === true && seen?.stepIndex !== undefined;
        const desired =
          index === inFlight && cluster.state === 'progressing' && r.phase !== 'Healthy'
            ? desiredHold(lockstep, gates.get(cluster.name))
            : undefined;
        const target = { cluster: cluster.name, namespace: r.namespace, name: r.name };
        if (desired && desired.mode !== r.held) {
          actions.push({ kind: 'hold', ...target, ...desired });
          r.held = desired.mode;
        } else if (!desired && r.held) {
          actions.push({ kind: 'release', ...target });
          delete r.held;
        }
      }
}

/**
 * A hold or release whose handler died before writing the status shows only on the Rollout: when
 * what is read there changed since last read, the recorded hold follows it. Compared with the last
 * reading, not the record, so a plan repeated on the same reading does not act twice.
 */
function followObservedHold(r: ReleaseRolloutStatus, seen: RolloutSummary | undefined): void {
  if (!seen || seen.releaseHold === r.observedHold) return;
  if (seen.releaseHold) {
    r.held = seen.releaseHold;
    r.observedHold = seen.releaseHold;
  } else {
    delete r.held;
    delete r.observedHold;
  }
}

function desiredHold(lockstep: boolean, gate: Gate | undefined): DesiredHold | undefined {
  if (gate)
    return {
      mode: 'step',
      reason: gate.hold.reason,
      ...(gate.hold.until ? { until: gate.hold.until } : {}),
    };
  if (lockstep) return { mode: 'pause', reason: 'lockstep with its peers' };
  return undefined;
}

/**
 * Lockstep (issue 21 §3): once the same Rollout is paused at the same step in every cluster of the
 * wave, each is promoted past it, once (the step is recorded). Not while any gate of the wave is
 * closed: nothing is promoted then.
 */
export function planLockstep(
  wave: WaveStatus,
  observed: ObservedRollouts,
  gated: boolean,
  actions: ReleaseAction[],
): void {
  if (gated || wave.clusters.some((c) => c.state === 'delivering' || c.state === 'pending')) return;
  const groups = new Map<
    string,
    { cluster: string; entry: ClusterReleaseStatus['rollouts'][number] }[]
  >();
  for (const c of wave.clusters)
    for (const entry of c.rollouts) {
      const members = groups.get(rolloutKey(entry)) ?? [];
      members.push({ cluster: c.name, entry });
      groups.set(rolloutKey(entry), members);
    }
  for (const members of groups.values()) {
    const seen = members.map((m) => observed.get(observedKey(m.cluster, m.entry)));
    const steps = new Set(
      seen.map((r) => (r?.paused && r.statusCurrent ? r.stepIndex : undefined)),
    );
    const [step] = [...steps];
    if (steps.size !== 1 || step === undefined) continue;
    for (const m of members) {
      if (m.entry.promotedStep === step) continue;
      actions.push({
        kind: 'promote',
        cluster: m.cluster,
        namespace: m.entry.namespace,
        name: m.entry.name,
        stepIndex: step,
      });
      m.entry.promotedStep = step;
    }
  }
}
