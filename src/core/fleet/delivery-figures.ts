import type { Release } from '../../domain/fleet.js';
import { isoTime } from '../../domain/time.js';
import { DAY_MS } from '../../domain/zoned-time.js';

/**
 * The four DORA figures over the release history (issue 21 §6), for the period ending `now`.
 * A "deployment" is a release that reached Healthy everywhere (phase Succeeded); a "failed change"
 * one that Failed (a wave halted it); superseded releases are neither, as their commit never had
 * the chance. Medians, as DORA reports them.
 *
 * - deployment frequency: successful releases in the period, per day;
 * - lead time for changes: commit time to Healthy everywhere, of the period's successful releases;
 * - change failure rate: failed ÷ (failed + successful) among releases finished in the period;
 * - time to restore: from a failure in the period to the next successful release of the same
 *   source; failures not yet followed by one are counted as unrestored.
 */
export interface DeliveryFigures {
  from: string;
  to: string;
  periodDays: number;
  deployments: number;
  deploymentsPerDay: number;
  leadTime: { medianSeconds?: number; count: number };
  /** Undefined when nothing finished in the period. */
  changeFailureRate?: number;
  failedChanges: number;
  timeToRestore: { medianSeconds?: number; restored: number; unrestored: number };
}

export function computeDeliveryFigures(
  releases: readonly Release[],
  now: number,
  periodDays = 30,
): DeliveryFigures {
  const from = now - periodDays * DAY_MS;
  const within = (t: number) => t > from && t <= now;
  const succeeded = releases.flatMap((r) => {
    const healthyAt = r.status?.phase === 'Succeeded' ? time(r.status.healthyAt) : undefined;
    return healthyAt === undefined ? [] : [{ release: r, healthyAt }];
  });
  const deployments = succeeded.filter((s) => within(s.healthyAt));
  const leadTimes = deployments.flatMap((s) => {
    const committed = time(s.release.spec.committedAt);
    return committed === undefined ? [] : [(s.healthyAt - committed) / 1000];
  });
  const failed = releases.flatMap((r) => {
    const at =
      r.status?.phase === 'Failed' ? time(r.status.failure?.at ?? r.status.finishedAt) : undefined;
    return at === undefined || !within(at) ? [] : [{ release: r, at }];
  });
  const restores = failed.map((f) => {
    const next = succeeded
      .filter((s) => s.release.spec.source === f.release.spec.source && s.healthyAt > f.at)
      .map((s) => s.healthyAt);
    return next.length > 0 ? (Math.min(...next) - f.at) / 1000 : undefined;
  });
  const restored = restores.filter((s): s is number => s !== undefined);
  const finished = deployments.length + failed.length;
  return {
    from: isoTime(from),
    to: isoTime(now),
    periodDays,
    deployments: deployments.length,
    deploymentsPerDay: deployments.length / periodDays,
    leadTime: { ...median(leadTimes), count: leadTimes.length },
    ...(finished > 0 ? { changeFailureRate: failed.length / finished } : {}),
    failedChanges: failed.length,
    timeToRestore: {
      ...median(restored),
      restored: restored.length,
      unrestored: restores.length - restored.length,
    },
  };
}

function time(iso: string | undefined): number | undefined {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

function median(values: number[]): { medianSeconds?: number } {
  if (values.length === 0) return {};
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1
      ? (sorted[mid] ?? 0)
      : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return { medianSeconds: value };
}
