import type { DeliveryFigures } from '../../core/fleet/delivery-figures.js';
import type { ReleaseSummary, WaveSummary } from '../../core/fleet/release-summary.js';
import { ICONS, type Icon } from '../../core/rollout-info/index.js';
import { formatAge } from './age.js';
import type { Paint } from './color.js';
import { type Cell, formatColumns } from './columns.js';

/** The icon (and so the colour) of a release phase, a wave state or a cluster state. */
const STATE_ICONS: Record<string, Icon> = {
  succeeded: ICONS.ok,
  passed: ICONS.ok,
  healthy: ICONS.ok,
  failed: ICONS.bad,
  aborted: ICONS.bad,
  progressing: ICONS.progressing,
  delivering: ICONS.progressing,
  soaking: ICONS.waiting,
  held: ICONS.paused,
  pending: ICONS.neutral,
  superseded: ICONS.neutral,
};

export function stateIcon(state: string): Icon {
  return STATE_ICONS[state.toLowerCase()] ?? ICONS.unknown;
}

/** `✔ Succeeded`, painted by its icon. */
export function stateCell(state: string, paint: Paint): Cell {
  const icon = stateIcon(state);
  const text = `${icon} ${state}`;
  return { text, painted: paint(text, icon) };
}

/** Seconds from `now` to `iso` (negative once past); undefined without a time. */
export function secondsUntil(iso: string | undefined, now: number): number | undefined {
  return iso === undefined ? undefined : (Date.parse(iso) - now) / 1000;
}

/** `1:passed 2:soaking(12m) 3:pending`: waves numbered from 1, a soak with the time it has left. */
export function formatWaves(waves: readonly WaveSummary[], now: number): string {
  return waves
    .map((w) => {
      const left = w.state === 'soaking' ? secondsUntil(w.soakUntil, now) : undefined;
      return `${w.index + 1}:${w.state}${left !== undefined ? `(${formatAge(left)})` : ''}`;
    })
    .join(' ');
}

/**
 * `rollouts releases` (issue 21 §6): NAME SOURCE COMMIT PHASE WAVES AGE, NAMESPACE first when
 * every namespace is listed. AGE counts from the release's start (its commit's time before that).
 */
export function renderReleaseList(
  releases: readonly ReleaseSummary[],
  opts: { withNamespace: boolean; now: number; paint: Paint },
): string {
  const head = ['NAME', 'SOURCE', 'COMMIT', 'PHASE', 'WAVES', 'AGE'];
  const rows = releases.map((r) => [
    r.name,
    r.source,
    r.commit.slice(0, 7),
    stateCell(r.phase, opts.paint),
    formatWaves(r.waves, opts.now),
    formatAge((opts.now - Date.parse(r.startedAt ?? r.committedAt)) / 1000),
  ]);
  const all = [head, ...rows].map((row, i) =>
    opts.withNamespace ? [i === 0 ? 'NAMESPACE' : (releases[i - 1]?.namespace ?? ''), ...row] : row,
  );
  return formatColumns(all);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The delivery figures in one line, e.g. `Last 30d: 4 deployments (0.13/day), lead time 42m
 * (median of 4), change failure rate 20% (1 of 5), time to restore 1h5m (1 restored, 0 unrestored)`.
 */
export function renderDeliveryFigures(f: DeliveryFigures): string {
  const median = (s: number | undefined) => (s === undefined ? '-' : formatAge(s));
  const finished = f.deployments + f.failedChanges;
  const rate =
    f.changeFailureRate === undefined
      ? '-'
      : `${Math.round(f.changeFailureRate * 100)}% (${f.failedChanges} of ${finished})`;
  const ttr = f.timeToRestore;
  return [
    `Last ${formatAge(f.periodDays * 86_400)}: ${plural(f.deployments, 'deployment')} (${f.deploymentsPerDay.toFixed(2)}/day)`,
    `lead time ${median(f.leadTime.medianSeconds)} (median of ${f.leadTime.count})`,
    `change failure rate ${rate}`,
    `time to restore ${median(ttr.medianSeconds)} (${ttr.restored} restored, ${ttr.unrestored} unrestored)`,
  ].join(', ');
}
