import { describe, expect, it } from 'vitest';
import { WINDOW_HORIZON_MS, assessWindow } from '../../../src/core/fleet/windows.js';
import type { Freeze, ReleaseWindow, WindowConfig } from '../../../src/domain/fleet.js';

const H = 3600_000;
const at = (iso: string) => Date.parse(iso);
const target = { cluster: 'prod-eu', namespace: 'shop' };

function aWindow(overrides: Partial<ReleaseWindow> = {}): ReleaseWindow {
  return {
    kind: 'deny',
    schedule: '30 2 * * *',
    durationMs: H,
    timeZone: 'Europe/Berlin',
    ...overrides,
  };
}

function config(windows: ReleaseWindow[], freezes: Freeze[] = []): WindowConfig {
  return { windows, freezes };
}

const closedBy = (reason: string, until: string) => ({
  open: false,
  kind: 'window',
  reason,
  until: at(until),
});

describe('assessWindow: no windows', () => {
  it('is open with no change ahead', () => {
    expect(assessWindow(config([]), target, at('2026-01-05T12:00:00Z'))).toEqual({ open: true });
  });
});

describe('assessWindow: daylight saving time, both ways', () => {
  const deny = config([aWindow()]);
  const reason = 'deny window "30 2 * * *" (Europe/Berlin)';

  // Berlin, 2026-03-29: 02:00 CET becomes 03:00 CEST (01:00Z); 02:30 does not exist that night.
  it.each([
    [
      'the night before (CET): 02:30 is 01:30Z',
      '2026-03-28T01:45:00Z',
      closedBy(reason, '2026-03-28T02:30:00Z'),
    ],
    [
      'the spring-forward night, before the window',
      '2026-03-29T01:00:00Z',
      { open: true, until: at('2026-03-29T01:30:00Z') },
    ],
    [
      'the skipped 02:30 runs at 03:30 CEST (01:30Z)',
      '2026-03-29T01:45:00Z',
      closedBy(reason, '2026-03-29T02:30:00Z'),
    ],
    [
      'the night after (CEST): 02:30 is 00:30Z',
      '2026-03-30T00:45:00Z',
      closedBy(reason, '2026-03-30T01:30:00Z'),
    ],
  ])('spring: %s', (_what, now, expected) => {
    expect(assessWindow(deny, target, at(now))).toEqual(expected);
  });

  // Berlin, 2026-10-25: 03:00 CEST becomes 02:00 CET (01:00Z); 02:30 happens at 00:30Z and at 01:30Z.
  it.each([
    [
      'the first 02:30 (CEST, 00:30Z) opens the window',
      '2026-10-25T00:45:00Z',
      closedBy(reason, '2026-10-25T01:30:00Z'),
    ],
    [
      'the second 02:30 (CET, 01:30Z) opens none',
      '2026-10-25T01:45:00Z',
      { open: true, until: at('2026-10-26T01:30:00Z') },
    ],
    [
      'the night after (CET): 02:30 is 01:30Z',
      '2026-10-26T01:45:00Z',
      closedBy(reason, '2026-10-26T02:30:00Z'),
    ],
  ])('autumn: %s', (_what, now, expected) => {
    expect(assessWindow(deny, target, at(now))).toEqual(expected);
  });

  it('a duration is elapsed time: 3 h from 01:00 CET on the spring night ends at 05:00 CEST', () => {
    const w = config([aWindow({ schedule: '0 1 * * *', durationMs: 3 * H })]);
    expect(assessWindow(w, target, at('2026-03-29T02:30:00Z'))).toEqual(
      closedBy('deny window "0 1 * * *" (Europe/Berlin)', '2026-03-29T03:00:00Z'),
    );
  });

  it('an allow window at 09:00 New York moves from 14:00Z (EST) to 13:00Z (EDT) on 2026-03-08', () => {
    const allow = config([
      aWindow({
        kind: 'allow',
        schedule: '0 9 * * *',
        durationMs: 8 * H,
        timeZone: 'America/New_York',
      }),
    ]);
    const outside = 'outside every allow window';
    expect(assessWindow(allow, target, at('2026-03-07T13:30:00Z'))).toEqual(
      closedBy(outside, '2026-03-07T14:00:00Z'),
    );
    expect(assessWindow(allow, target, at('2026-03-09T12:30:00Z'))).toEqual(
      closedBy(outside, '2026-03-09T13:00:00Z'),
    );
    expect(assessWindow(allow, target, at('2026-03-09T13:30:00Z'))).toEqual({
      open: true,
      until: at('2026-03-09T21:00:00Z'),
    });
  });
});

describe('assessWindow: allow, deny and freezes together', () => {
  // 2026-01-05 is a Monday.
  const weekdays = aWindow({
    kind: 'allow',
    schedule: '0 9 * * mon-fri',
    durationMs: 8 * H,
    timeZone: 'UTC',
  });
  const lunch = aWindow({ kind: 'deny', schedule: '0 12 * * *', durationMs: H, timeZone: 'UTC' });
  const both = config([weekdays, lunch]);

  it.each([
    [
      'inside allow, outside deny',
      '2026-01-05T10:00:00Z',
      { open: true, until: at('2026-01-05T12:00:00Z') },
    ],
    [
      'deny wins over allow',
      '2026-01-05T12:30:00Z',
      closedBy('deny window "0 12 * * *" (UTC)', '2026-01-05T13:00:00Z'),
    ],
    [
      'after the deny, inside allow',
      '2026-01-05T13:00:00Z',
      { open: true, until: at('2026-01-05T17:00:00Z') },
    ],
    [
      'outside every allow window',
      '2026-01-05T17:30:00Z',
      closedBy('outside every allow window', '2026-01-06T09:00:00Z'),
    ],
    [
      'the weekend waits for Monday',
      '2026-01-09T18:00:00Z',
      closedBy('outside every allow window', '2026-01-12T09:00:00Z'),
    ],
  ])('%s', (_what, now, expected) => {
    expect(assessWindow(both, target, at(now))).toEqual(expected);
  });

  it('a freeze closes whatever the windows say, until a still-closed window lets go', () => {
    const freeze = {
      fromMs: at('2026-01-05T08:00:00Z'),
      untilMs: at('2026-01-05T12:30:00Z'),
      reason: 'incident 42',
    };
    const c = config([weekdays, lunch], [freeze]);
    expect(assessWindow(c, target, at('2026-01-05T10:00:00Z'))).toEqual({
      open: false,
      kind: 'freeze',
      reason: 'freeze: incident 42',
      // The freeze ends inside the lunch deny window, so it stays closed until 13:00.
      until: at('2026-01-05T13:00:00Z'),
    });
    expect(assessWindow(c, target, at('2026-01-05T12:45:00Z'))).toMatchObject({
      kind: 'window',
      until: at('2026-01-05T13:00:00Z'),
    });
  });

  it('windows and freezes apply only to the clusters and namespaces they name', () => {
    const scoped = config(
      [
        { ...lunch, clusters: ['prod-us'] },
        { ...lunch, schedule: '0 13 * * *', namespaces: ['billing'] },
      ],
      [{ fromMs: 0, untilMs: at('2030-01-01T00:00:00Z'), reason: 'x', clusters: ['prod-us'] }],
    );
    expect(assessWindow(scoped, target, at('2026-01-05T12:30:00Z'))).toEqual({ open: true });
    expect(
      assessWindow(scoped, { ...target, namespace: 'billing' }, at('2026-01-05T13:30:00Z')),
    ).toMatchObject({ open: false });
    expect(
      assessWindow(scoped, { cluster: 'prod-us', namespace: 'shop' }, at('2026-01-05T10:00:00Z')),
    ).toMatchObject({ kind: 'freeze' });
  });

  it('past the horizon, a closed answer holds until the horizon (then it is assessed again)', () => {
    const leapDay = config([aWindow({ kind: 'allow', schedule: '0 0 29 2 *', timeZone: 'UTC' })]);
    const now = at('2026-01-01T00:00:00Z');
    expect(assessWindow(leapDay, target, now)).toEqual(
      closedBy('outside every allow window', new Date(now + WINDOW_HORIZON_MS).toISOString()),
    );
  });

  it('overlapping occurrences of one window join into one closed stretch', () => {
    const hourly = config([
      aWindow({ schedule: '0 * * * *', durationMs: 90 * 60_000, timeZone: 'UTC' }),
    ]);
    const r = assessWindow(hourly, target, at('2026-01-05T10:00:00Z'));
    expect(r.open).toBe(false);
    // Every hour starts a new 90-minute stretch: it never opens within the horizon.
    expect(r.until).toBe(at('2026-01-05T10:00:00Z') + WINDOW_HORIZON_MS);
  });
});
