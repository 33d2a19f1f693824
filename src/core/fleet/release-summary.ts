import type {
  ClusterReleaseState,
  Release,
  ReleaseFailure,
  ReleaseHold,
  ReleasePhase,
} from '../../domain/fleet.js';
import { DAY_MS } from '../../domain/zoned-time.js';
import { computeDeliveryFigures, type DeliveryFigures } from './delivery-figures.js';
import { buildReleaseReport, type WaveState } from './release-actions.js';

/** How many releases a history answers unless asked otherwise, newest first. */
export const DEFAULT_RELEASE_LIMIT = 50;
/** The period the delivery figures cover unless asked otherwise: DORA's usual 30 days. */
export const DEFAULT_FIGURES_WINDOW_MS = 30 * DAY_MS;

/** `Pending`: the release exists but its first plan has not written a status yet. */
export type ReleaseSummaryPhase = ReleasePhase | 'Pending';

export interface WaveSummary {
  /** The wave's position in `status.waves`, from 0 (shown to people as `index + 1`). */
  index: number;
  state: WaveState;
  /** While soaking: when the next wave may start. */
  soakUntil?: string;
  clusters: { name: string; state: ClusterReleaseState }[];
}

/** One release as the CLI, the dashboard and `/api/v1/releases` list it (issue 21 §6). */
export interface ReleaseSummary {
  name: string;
  namespace: string;
  source: string;
  commit: string;
  phase: ReleaseSummaryPhase;
  committedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** Healthy in every wave: the end of lead time. */
  healthyAt?: string;
  heldBy?: ReleaseHold;
  failure?: ReleaseFailure;
  supersededBy?: string;
  waves: WaveSummary[];
}

export interface ReleaseHistoryQuery {
  /** Only this GitOps source's releases (absent: every source). */
  source?: string;
  /** At most this many summaries, newest first. */
  limit: number;
  /** The delivery figures' period, ending `now`. */
  windowMs: number;
}

export interface ReleaseHistory {
  releases: ReleaseSummary[];
  figures: DeliveryFigures;
}

/**
 * The release history as listed (issue 21 §6): the releases of the query's source, newest first,
 * cut to `limit`, with the delivery figures of its window. The figures are computed over every
 * matching release, not only the listed ones: time to restore needs the success that followed a
 * failure, and a short list must not shrink the period's counts.
 */
export function buildReleaseHistory(
  releases: readonly Release[],
  query: ReleaseHistoryQuery,
  now: number,
): ReleaseHistory {
  const matching = releases.filter((r) => !query.source || r.spec.source === query.source);
  const newestFirst = [...matching].sort(byNewest);
  return {
    releases: newestFirst.slice(0, query.limit).map(summarizeRelease),
    figures: computeDeliveryFigures(matching, now, query.windowMs / DAY_MS),
  };
}

/** A release's summary; one without a status yet shows every wave and cluster pending. */
export function summarizeRelease(release: Release): ReleaseSummary {
  const { spec, status } = release;
  const waves: WaveSummary[] = status
    ? buildReleaseReport(status).waves
    : spec.waves.map((w, index) => ({
        index,
        state: 'pending',
        clusters: w.clusters.map((name) => ({ name, state: 'pending' })),
      }));
  const supersededBy = status?.supersededBy ?? spec.supersededBy;
  return {
    name: release.metadata.name,
    namespace: release.metadata.namespace ?? spec.namespace,
    source: spec.source,
    commit: spec.commit,
    phase: status?.phase ?? 'Pending',
    committedAt: spec.committedAt,
    ...(status?.startedAt ? { startedAt: status.startedAt } : {}),
    ...(status?.finishedAt ? { finishedAt: status.finishedAt } : {}),
    ...(status?.healthyAt ? { healthyAt: status.healthyAt } : {}),
    ...(status?.heldBy ? { heldBy: status.heldBy } : {}),
    ...(status?.failure ? { failure: status.failure } : {}),
    ...(supersededBy ? { supersededBy } : {}),
    waves,
  };
}

/** Newest commit first; then the later start; then by name, so the order never depends on the API's. */
function byNewest(a: Release, b: Release): number {
  return (
    time(b.spec.committedAt) - time(a.spec.committedAt) ||
    time(b.status?.startedAt) - time(a.status?.startedAt) ||
    a.metadata.name.localeCompare(b.metadata.name)
  );
}

/** An unreadable time sorts as the oldest. */
function time(iso: string | undefined): number {
  const t = iso === undefined ? NaN : Date.parse(iso);
  return Number.isNaN(t) ? -Infinity : t;
}
