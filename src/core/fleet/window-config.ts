import type { Freeze, ReleaseWindow } from '../../domain/fleet.js';
import { eachObjectAt, instantAt, namesAt, secondsAt } from './config-fields.js';
import { parseCron } from './cron.js';
import { isTimeZone } from '../../domain/zoned-time.js';

/**
 * Release windows and freezes of the fleet configuration (issue 21 §4):
 *
 * ```yaml
 * windows:
 *   - kind: deny                      # allow | deny
 *     schedule: '0 18 * * fri'        # 5-field cron (see cron.ts), read in timeZone
 *     duration: 63h                   # from each start; elapsed time, DST changes included
 *     timeZone: Europe/Berlin         # default UTC
 *     clusters: [prod-eu]             # optional; default every cluster
 *     namespaces: [shop]              # optional; default every namespace
 * freezes:
 *   - from: 2026-12-20T00:00:00Z
 *     until: 2027-01-04T00:00:00Z
 *     reason: year-end freeze
 * ```
 */
const WINDOW = ['kind', 'schedule', 'duration', 'timeZone', 'clusters', 'namespaces'];
const FREEZE = ['from', 'until', 'reason', 'clusters', 'namespaces'];

export function parseWindows(
  raw: unknown,
  at: string,
  clusters: ReadonlySet<string>,
  problems: string[],
): ReleaseWindow[] {
  return eachObjectAt(raw, at, WINDOW, problems, (w, here): ReleaseWindow | undefined => {
    if (w.kind !== 'allow' && w.kind !== 'deny')
      problems.push(`${here}.kind must be allow or deny`);
    const cron = typeof w.schedule === 'string' ? parseCron(w.schedule) : undefined;
    if (!cron) problems.push(`${here}.schedule must be a 5-field cron schedule`);
    else if (!cron.ok) problems.push(`${here}.schedule: ${cron.error}`);
    const seconds = secondsAt(w.duration, `${here}.duration`, problems, true);
    const timeZone = w.timeZone ?? 'UTC';
    if (typeof timeZone !== 'string' || !isTimeZone(timeZone))
      problems.push(`${here}.timeZone must be an IANA time zone such as Europe/Berlin`);
    const scope = parseScope(w, here, clusters, problems);
    if (seconds === undefined) return undefined;
    return {
      kind: w.kind as ReleaseWindow['kind'],
      schedule: w.schedule as string,
      durationMs: seconds * 1000,
      timeZone: timeZone as string,
      ...scope,
    };
  });
}

export function parseFreezes(
  raw: unknown,
  at: string,
  clusters: ReadonlySet<string>,
  problems: string[],
): Freeze[] {
  return eachObjectAt(raw, at, FREEZE, problems, (f, here): Freeze | undefined => {
    const fromMs = instantAt(f.from, `${here}.from`, problems);
    const untilMs = instantAt(f.until, `${here}.until`, problems);
    if (fromMs !== undefined && untilMs !== undefined && untilMs <= fromMs)
      problems.push(`${here}.until must be after from`);
    if (typeof f.reason !== 'string' || f.reason.trim() === '')
      problems.push(`${here}.reason must say why (it is shown on every held release)`);
    const scope = parseScope(f, here, clusters, problems);
    if (fromMs === undefined || untilMs === undefined || typeof f.reason !== 'string')
      return undefined;
    return { fromMs, untilMs, reason: f.reason.trim(), ...scope };
  });
}

function parseScope(
  raw: Record<string, unknown>,
  at: string,
  clusters: ReadonlySet<string>,
  problems: string[],
): { clusters?: string[]; namespaces?: string[] } {
  const names = namesAt(raw.clusters, `${at}.clusters`, problems);
  for (const c of names ?? [])
    if (!clusters.has(c)) problems.push(`${at}.clusters: "${c}" is not a cluster of the fleet`);
  const namespaces = namesAt(raw.namespaces, `${at}.namespaces`, problems);
  return { ...(names ? { clusters: names } : {}), ...(namespaces ? { namespaces } : {}) };
}
