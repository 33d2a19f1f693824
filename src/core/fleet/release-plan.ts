import type {
  ClusterObservation,
  Release,
  ReleaseSpec,
  ReleaseStatus,
  StopSwitch,
  WindowConfig,
} from '../../domain/fleet.js';
import { isoTime, isoTimeCeil } from '../../domain/time.js';
import { buildReleaseReport, type ReleaseAction } from './release-actions.js';
import { planAbortAll } from './release-abort-all.js';
import { assessGate, type Gate } from './release-gates.js';
import { observedKey, planHolds, planLockstep } from './release-holds.js';
import { observeCluster, type ObservedFailure } from './release-observe.js';

export interface ReleasePlan {
  status: ReleaseStatus;
  actions: ReleaseAction[];
  /** When to plan again though nothing is observed to change (a soak's end, a window opening). */
  nextAt?: number;
}

/**
 * One step of a fleet release (issue 21 §2, §3), pure: the persisted status, what was read of each
 * cluster, the stop switches and windows, and the time in; the next status, actions and wake-up out.
 *
 * Contract with the controller: execute every action, THEN write the status (guarded by the
 * Release's resourceVersion). A crash or a failed action skips the write, so the next plan starts
 * from the same status and emits the same actions again; each is idempotent (release-actions.ts).
 * Once the status is written, planning again with the same observation emits nothing: every
 * action stands for a transition the status records (pending → delivering, a hold, a promoted
 * step, an abort requested). So no wave is skipped or delivered twice, whatever dies when. A hold
 * or release that ran without its status being written is seen on the Rollout (`releaseHold`) and
 * the record follows it (release-holds.ts), so no Rollout stays held by a dead handler.
 *
 * What the controller reads for it: per cluster the commit the source's sync inventory last
 * applied (`appliedCommit`); per Rollout a RolloutSummary whose `commit` is its GitHub deployment
 * record's sha (the sync writes it with the apply, before the inventory) and whose `releaseHold`
 * is the hold the `hold` action put on it. A cluster that could not be read is left out.
 *
 * Rules: wave N+1 gets the commit when every cluster of wave N is healthy (release-observe.ts) and
 * its soak has passed; an aborted or Degraded Rollout of the commit anywhere fails the release, and
 * no later wave gets it (`onFailure: abortAll` then aborts the commit's Rollouts still progressing
 * elsewhere). A closed gate (stop switch, freeze, window) of any cluster of the next wave keeps it
 * from starting, holds the in-flight wave's Rollouts at their step and stops lockstep promotion;
 * aborts go on regardless.
 *
 * Supersession: a newer push of the same source sets `spec.supersededBy` on unfinished releases.
 * Such a release stops: it delivers to no further wave, releases its holds and aborts nothing. The
 * newer release starts at the first wave like any other, so its commit passes every gate again;
 * clusters the older one reached keep its commit until the newer release's wave reaches them.
 */
export function planRelease(
  release: Release,
  observed: readonly ClusterObservation[],
  stops: readonly StopSwitch[],
  windows: WindowConfig,
  now: number,
): ReleasePlan {
  const before = release.status;
  const status = structuredClone(before ?? initialReleaseStatus(release.spec, now));
  const inputs: Inputs = { spec: release.spec, observed, stops, windows, now };
  const actions: ReleaseAction[] = [];
  let nextAt: number | undefined;
  // One pass can enable another (a wave started whose commit a crashed handler already applied,
  // a wave passed whose successor is open): repeat until the status settles, so that planning
  // from the result with the same reading changes nothing.
  for (let pass = 0; pass < 2 * status.waves.length + 4; pass++) {
    const was = JSON.stringify(status);
    nextAt = advance(status, inputs, actions);
    if (JSON.stringify(status) === was) break;
  }
  return finish(before, status, actions, nextAt);
}

interface Inputs {
  spec: ReleaseSpec;
  observed: readonly ClusterObservation[];
  stops: readonly StopSwitch[];
  windows: WindowConfig;
  now: number;
}

/** One pass over the status (changed in place); returns when to plan again. */
function advance(
  status: ReleaseStatus,
  inputs: Inputs,
  actions: ReleaseAction[],
): number | undefined {
  const { spec, observed, stops, windows, now } = inputs;
  const observedRollouts = new Map(
    observed.flatMap((o) => o.rollouts.map((r) => [observedKey(o.cluster, r), r] as const)),
  );
  let nextAt: number | undefined;
  if (status.phase === 'Succeeded' || status.phase === 'Superseded') return undefined;

  if (spec.supersededBy !== undefined && status.phase !== 'Failed') {
    status.phase = 'Superseded';
    status.supersededBy = spec.supersededBy;
    status.finishedAt = isoTime(now);
    delete status.heldBy;
    planHolds(status, spec.waves, undefined, new Map(), observedRollouts, actions);
    return undefined;
  }

  const byCluster = new Map(observed.map((o) => [o.cluster, o]));
  const failures: ObservedFailure[] = [];
  for (const wave of status.waves)
    for (const cluster of wave.clusters) {
      const seen = observeCluster(cluster, wave, byCluster.get(cluster.name), spec.commit, now);
      if (seen.length > 0 && status.phase !== 'Failed') cluster.state = 'failed';
      failures.push(...seen);
    }
  const [first] = failures;
  if (first && status.phase !== 'Failed') {
    status.phase = 'Failed';
    status.failure = { ...first, at: isoTime(now) };
    status.finishedAt = isoTime(now);
    delete status.heldBy;
  }
  if (status.phase === 'Failed') {
    planHolds(status, spec.waves, undefined, new Map(), observedRollouts, actions);
    if (spec.onFailure === 'abortAll') planAbortAll(status, observed, spec.commit, actions);
    return undefined;
  }

  const gateOf = (cluster: string): Gate | undefined =>
    assessGate(stops, windows, { cluster, namespace: spec.namespace }, now);
  delete status.heldBy;
  status.phase = 'Progressing';
  let inFlight: number | undefined;
  const gates = new Map<string, Gate | undefined>();
  for (const [index, wave] of status.waves.entries()) {
    if (wave.passedAt) continue;
    for (const c of wave.clusters) gates.set(c.name, gateOf(c.name));
    const closed = wave.clusters.map((c) => gates.get(c.name)).find((g) => g !== undefined);
    if (closed) {
      status.phase = 'Held';
      status.heldBy = closed.hold;
      if (closed.untilMs !== undefined) nextAt = closed.untilMs;
    }
    const pending = wave.clusters.filter((c) => c.state === 'pending');
    if (pending.length > 0) {
      if (closed) break;
      wave.startedAt ??= isoTime(now);
      // A handler that died between acting and persisting may have delivered some already: those
      // are only recorded, and looked at (next pass) before the rest get the commit, so a failure
      // among them stops the wave short.
      const early = pending.filter((c) => byCluster.get(c.name)?.appliedCommit === spec.commit);
      for (const c of early.length > 0 ? early : pending) {
        c.state = 'delivering';
        c.deliveredAt = isoTime(now);
        if (early.length === 0)
          actions.push({ kind: 'deliver', cluster: c.name, commit: spec.commit });
      }
      break;
    }
    inFlight = index;
    if (spec.waves[index]?.lockstep)
      planLockstep(wave, observedRollouts, closed !== undefined, actions);
    if (!wave.clusters.every((c) => c.state === 'healthy')) {
      delete wave.healthyAt;
      delete wave.soakUntil;
      break;
    }
    wave.healthyAt ??= isoTime(now);
    const soakMs = (spec.waves[index]?.soakSeconds ?? 0) * 1000;
    wave.soakUntil ??= isoTimeCeil(Date.parse(wave.healthyAt) + soakMs);
    const soakEnd = Date.parse(wave.soakUntil);
    if (now < soakEnd) {
      nextAt = Math.min(nextAt ?? soakEnd, soakEnd);
      break;
    }
    wave.passedAt = isoTime(now);
    inFlight = undefined;
    // The next wave may be held by its own gates; these were this wave's.
    delete status.heldBy;
    status.phase = 'Progressing';
    nextAt = undefined;
  }
  planHolds(status, spec.waves, inFlight, gates, observedRollouts, actions);
  if (status.waves.every((w) => w.passedAt)) {
    status.phase = 'Succeeded';
    status.healthyAt = status.waves.at(-1)?.healthyAt ?? isoTime(now);
    status.finishedAt = isoTime(now);
    nextAt = undefined;
  }
  return nextAt;
}

export function initialReleaseStatus(spec: ReleaseSpec, now: number): ReleaseStatus {
  return {
    commit: spec.commit,
    source: spec.source,
    phase: 'Progressing',
    startedAt: isoTime(now),
    waves: spec.waves.map((w) => ({
      clusters: w.clusters.map((name) => ({ name, state: 'pending', rollouts: [] })),
    })),
  };
}

/** Adds a `report` when what GitHub shows changed (compared with the persisted status). */
function finish(
  before: ReleaseStatus | undefined,
  status: ReleaseStatus,
  actions: ReleaseAction[],
  nextAt?: number,
): ReleasePlan {
  const report = buildReleaseReport(status);
  // Both built by one function, so their keys come in one order and the JSON texts compare.
  if (!before || JSON.stringify(buildReleaseReport(before)) !== JSON.stringify(report))
    actions.push({ kind: 'report', report });
  return { status, actions, ...(nextAt !== undefined ? { nextAt } : {}) };
}
