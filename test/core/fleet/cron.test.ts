import { describe, expect, it } from 'vitest';
import { isCronDay, parseCron, type CronSchedule } from '../../../src/core/fleet/cron.js';

function cronOf(text: string): CronSchedule {
  const r = parseCron(text);
  if (!r.ok) throw new Error(r.error);
  return r.cron;
}

const sorted = (s: ReadonlySet<number>) => [...s].sort((a, b) => a - b);

/** Whether the schedule runs on a calendar date (read as UTC). */
function runsOn(text: string, date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return isCronDay(cronOf(text), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCDay());
}

describe('parseCron: fields', () => {
  it.each([
    ['*/15 9-17 * * mon-fri', 'minutes', [0, 15, 30, 45]],
    ['*/15 9-17 * * mon-fri', 'hours', [9, 10, 11, 12, 13, 14, 15, 16, 17]],
    ['*/15 9-17 * * mon-fri', 'daysOfWeek', [1, 2, 3, 4, 5]],
    ['0,30 8-10/2,22 * * *', 'minutes', [0, 30]],
    ['0,30 8-10/2,22 * * *', 'hours', [8, 10, 22]],
    ['5/20 * * * *', 'minutes', [5, 25, 45]],
    ['0 0 * JAN,mar-May *', 'months', [1, 3, 4, 5]],
    ['0 0 * * 7', 'daysOfWeek', [0]],
    ['0 0 * * 0,7,SAT', 'daysOfWeek', [0, 6]],
    ['0 0 1-31/10 * *', 'daysOfMonth', [1, 11, 21, 31]],
    ['@hourly', 'minutes', [0]],
    ['@weekly', 'daysOfWeek', [0]],
    ['@monthly', 'daysOfMonth', [1]],
  ] as const)('%s: %s', (text, field, values) => {
    expect(sorted(cronOf(text)[field])).toEqual(values);
  });

  it.each([
    ['61 * * * *', '"61 * * * *": minute 61 is outside 0-59'],
    ['* * * * 8', '"* * * * 8": day of week 8 is outside 0-7'],
    ['* * 0 * *', '"* * 0 * *": day of month 0 is outside 1-31'],
    ['5-1 * * * *', '"5-1 * * * *": minute range 5-1 runs backwards'],
    ['*/0 * * * *', '"*/0 * * * *": minute step must be at least 1'],
    ['jan * * * *', '"jan * * * *": minute "jan" is not a number or a name'],
    ['* * * foo *', '"* * * foo *": month "foo" is not a number or a name'],
    ['1,,2 * * * *', '"1,,2 * * * *": minute "" is not a value, range or step'],
    ['@reboot', '"@reboot" must have 5 fields (minute hour day month weekday)'],
    ['0 9 * * * *', '"0 9 * * * *" must have 5 fields (minute hour day month weekday)'],
  ])('%s is refused', (text, error) => {
    expect(parseCron(text)).toEqual({ ok: false, error });
  });
});

// January 2026 begins on a Thursday: the 2nd, 9th, 16th, 23rd and 30th are Fridays; the 13th is a Tuesday.
describe("isCronDay: Vixie cron's day-of-month / day-of-week rule", () => {
  it.each([
    // Both restricted: either one matching is enough.
    ['0 0 13 * fri', '2026-01-13', true],
    ['0 0 13 * fri', '2026-01-16', true],
    ['0 0 13 * fri', '2026-01-14', false],
    ['0 0 1-7 * mon', '2026-01-03', true],
    ['0 0 1-7 * mon', '2026-01-12', true],
    ['0 0 1-7 * mon', '2026-01-08', false],
    // A day field written with a leading `*` (a step included) counts as unrestricted: both must match.
    ['0 0 */2 * fri', '2026-01-09', true],
    ['0 0 */2 * fri', '2026-01-16', false],
    ['0 0 */2 * fri', '2026-01-13', false],
    ['0 0 13 * *', '2026-01-13', true],
    ['0 0 13 * *', '2026-01-16', false],
    ['0 0 * * fri', '2026-01-16', true],
    ['0 0 * * fri', '2026-01-13', false],
    ['0 0 13 * */2', '2026-01-13', true],
    ['0 0 13 * */2', '2026-01-16', false],
    // The month always has to match.
    ['0 0 13 feb fri', '2026-01-16', false],
    ['0 0 * * 7', '2026-01-04', true],
  ])('%s runs on %s: %s', (text, date, expected) => {
    expect(runsOn(text, date)).toBe(expected);
  });
});
