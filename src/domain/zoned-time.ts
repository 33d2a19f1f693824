/**
 * Wall-clock time in an IANA time zone through `Intl.DateTimeFormat` (Node and Workers both carry
 * the zone database), so windows follow daylight saving time without a library.
 */

export const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** How far the zone's wall clock is ahead of UTC at `utcMs` (negative west of Greenwich). */
export function zoneOffsetMs(utcMs: number, timeZone: string): number {
  const wholeSecond = Math.floor(utcMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(wholeSecond))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC reads years 0-99 as 1900+; set the year again for them.
  return new Date(wall).setUTCFullYear(year) - wholeSecond;
}

/** The calendar day at `utcMs` in the zone, as a UTC midnight (so day arithmetic stays in UTC). */
export function zonedDayStart(utcMs: number, timeZone: string): number {
  const wall = utcMs + zoneOffsetMs(utcMs, timeZone);
  return wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * The instant a wall-clock time (given as if it were UTC) happens in the zone. A time skipped by
 * a clock change is moved forward by the gap (02:30 on a spring-forward night is 03:30); a time
 * that happens twice is its first occurrence: as RFC 5545 and Temporal's `compatible` read them.
 * Assumes at most one offset change within a day either side, which every zone keeps.
 */
export function zonedWallToUtc(wallMs: number, timeZone: string): number {
  const before = zoneOffsetMs(wallMs - DAY_MS, timeZone);
  const after = zoneOffsetMs(wallMs + DAY_MS, timeZone);
  if (before === after) return wallMs - before;
  const fits = [wallMs - before, wallMs - after].filter(
    (utc) => utc + zoneOffsetMs(utc, timeZone) === wallMs,
  );
  return fits.length > 0 ? Math.min(...fits) : wallMs - before;
}

/** Whether the zone keeps one offset over the wall-clock day starting at `dayStartMs` (± a day). */
export function isSteadyDay(dayStartMs: number, timeZone: string): boolean {
  return (
    zoneOffsetMs(dayStartMs - DAY_MS, timeZone) === zoneOffsetMs(dayStartMs + 2 * DAY_MS, timeZone)
  );
}
