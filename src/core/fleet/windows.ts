import type { Freeze, ReleaseWindow, WindowConfig } from '../../domain/fleet.js';
import { isCronDay, parseCron } from './cron.js';
import {
  DAY_MS,
  isSteadyDay,
  zonedDayStart,
  zoneOffsetMs,
  zonedWallToUtc,
} from '../../domain/zoned-time.js';

/**
 * Whether releases may move now in one cluster and namespace (issue 21 §4), and until when that
 * holds. Freezes and deny windows close; when allow windows apply, outside all of them is closed
 * too; deny wins over allow. A window opens at each time its cron schedule names, read in its time
 * zone (see zoned-time.ts for clock changes), and lasts `duration` of elapsed time.
 */
export type WindowAssessment =
  | { open: true; until?: number }
  | { open: false; kind: 'window' | 'freeze'; reason: string; until: number };

export interface WindowTarget {
  cluster: string;
  namespace: string;
}

/**
 * How far ahead a change is looked for: past it, a closed answer says "until" the horizon, and the
 * timer set for it assesses again. Long enough for a monthly window.
 */
export const WINDOW_HORIZON_MS = 35 * DAY_MS;

interface Interval {
  start: number;
  end: number;
  kind: 'allow' | 'deny' | 'freeze';
  reason: string;
}

export function assessWindow(
  config: WindowConfig,
  target: WindowTarget,
  now: number,
): WindowAssessment {
  const horizon = now + WINDOW_HORIZON_MS;
  const windows = config.windows.filter((w) => applies(w, target));
  const intervals: Interval[] = [
    ...config.freezes
      .filter((f) => applies(f, target) && f.untilMs > now && f.fromMs < horizon)
      .map(freezeInterval),
    ...windows.flatMap((w) => windowIntervals(w, now, horizon)),
  ];
  const hasAllow = windows.some((w) => w.kind === 'allow');
  const byStart = intervals.sort((a, b) => a.start - b.start);
  let active = byStart.filter((i) => i.start <= now && i.end > now);
  let next = byStart.findIndex((i) => i.start > now);
  const current = stateOf(active, hasAllow);
  const changes = [...new Set(intervals.flatMap((i) => [i.start, i.end]))]
    .filter((t) => t > now && t <= horizon)
    .sort((a, b) => a - b);
  // Sweep the change points in order; the first where openness flips is `until`.
  for (const t of changes) {
    active = active.filter((i) => i.end > t);
    while (next >= 0 && next < byStart.length && (byStart[next]?.start ?? Infinity) <= t) {
      const i = byStart[next++];
      if (i && i.end > t) active.push(i);
    }
    if (stateOf(active, hasAllow).open !== current.open)
      return current.open ? { open: true, until: t } : { ...current, until: t };
  }
  return current.open ? { open: true } : { ...current, until: horizon };
}

type State = { open: true } | { open: false; kind: 'window' | 'freeze'; reason: string };

function stateOf(active: Interval[], hasAllow: boolean): State {
  const freeze = active.find((i) => i.kind === 'freeze');
  if (freeze) return { open: false, kind: 'freeze', reason: freeze.reason };
  const deny = active.find((i) => i.kind === 'deny');
  if (deny) return { open: false, kind: 'window', reason: deny.reason };
  if (hasAllow && !active.some((i) => i.kind === 'allow'))
    return { open: false, kind: 'window', reason: 'outside every allow window' };
  return { open: true };
}

function applies(w: { clusters?: string[]; namespaces?: string[] }, target: WindowTarget): boolean {
  return (
    (w.clusters === undefined || w.clusters.includes(target.cluster)) &&
    (w.namespaces === undefined || w.namespaces.includes(target.namespace))
  );
}

function freezeInterval(f: Freeze): Interval {
  return { start: f.fromMs, end: f.untilMs, kind: 'freeze', reason: `freeze: ${f.reason}` };
}

/** The window's occurrences that overlap [from, to]. */
function windowIntervals(w: ReleaseWindow, from: number, to: number): Interval[] {
  // Parsed here, not kept: the configuration's parse already refused a bad schedule, and parsing
  // five short fields costs less than a cache would.
  const parsed = parseCron(w.schedule);
  if (!parsed.ok) return [];
  const cron = parsed.cron;
  const reason = `${w.kind} window "${w.schedule}" (${w.timeZone})`;
  const hours = [...cron.hours].sort((a, b) => a - b);
  const minutes = [...cron.minutes].sort((a, b) => a - b);
  const out: Interval[] = [];
  const last = zonedDayStart(to, w.timeZone) + DAY_MS;
  for (
    let day = zonedDayStart(from - w.durationMs, w.timeZone) - DAY_MS;
    day <= last;
    day += DAY_MS
  ) {
    const date = new Date(day);
    if (!isCronDay(cron, date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCDay())) continue;
    const steadyOffset = isSteadyDay(day, w.timeZone) ? zoneOffsetMs(day, w.timeZone) : undefined;
    for (const h of hours)
      for (const m of minutes) {
        const wall = day + (h * 60 + m) * 60_000;
        const start =
          steadyOffset === undefined ? zonedWallToUtc(wall, w.timeZone) : wall - steadyOffset;
        const end = start + w.durationMs;
        if (end > from && start <= to) out.push({ start, end, kind: w.kind, reason });
      }
  }
  return out;
}
