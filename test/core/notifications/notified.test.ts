import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_NOTIFIED_KEYS,
  parseNotified,
  planNotifiedAnnotation,
} from '../../../src/core/notifications/index.js';
import { NOW } from './fixtures.js';

const NOW_S = NOW / 1000;
const HOUR = 3600;

describe('parseNotified', () => {
  it.each<[string | undefined, Record<string, number>]>([
    [undefined, {}],
    ['', {}],
    ['not json', {}],
    ['[1,2]', {}],
    ['{"a:on-x:slack:c": 1700000000, "bad": "x"}', { 'a:on-x:slack:c': 1700000000 }],
  ])('%j → %j', (annotation, expected) => {
    expect(parseNotified(annotation)).toEqual(expected);
  });
});

describe('planNotifiedAnnotation', () => {
  it('records new keys at now in unix seconds', () => {
    expect(JSON.parse(planNotifiedAnnotation({}, ['ev-1:on-rollout-paused:slack:a'], NOW))).toEqual(
      {
        'ev-1:on-rollout-paused:slack:a': NOW_S,
      },
    );
  });

  it('prunes event keys after 24 hours and oncePer keys after 30 days', () => {
    const notified = {
      'ev-old:on-x:slack:a': NOW_S - 25 * HOUR,
      'ev-recent:on-x:slack:a': NOW_S - 23 * HOUR,
      'once:3:on-x:slack:a': NOW_S - 29 * 24 * HOUR,
      'once:2:on-x:slack:a': NOW_S - 31 * 24 * HOUR,
    };
    expect(Object.keys(JSON.parse(planNotifiedAnnotation(notified, [], NOW))).sort()).toEqual([
      'ev-recent:on-x:slack:a',
      'once:3:on-x:slack:a',
    ]);
  });

  it(`keeps the newest ${MAX_NOTIFIED_KEYS}`, () => {
    const notified = Object.fromEntries(
      Array.from({ length: 250 }, (_, i) => [`ev-${i}:on-x:slack:a`, NOW_S - 1000 + i]),
    );
    const kept = JSON.parse(
      planNotifiedAnnotation(notified, ['ev-new:on-x:slack:a'], NOW),
    ) as Record<string, number>;
    expect(Object.keys(kept)).toHaveLength(MAX_NOTIFIED_KEYS);
    expect(kept['ev-new:on-x:slack:a']).toBe(NOW_S);
    expect(kept['ev-249:on-x:slack:a']).toBeDefined();
    expect(kept['ev-50:on-x:slack:a']).toBeUndefined();
  });

  it('round-trips through parseNotified', () => {
    const text = planNotifiedAnnotation(
      { 'ev-1:on-x:slack:a': NOW_S - 5 },
      ['ev-2:on-x:slack:a'],
      NOW,
    );
    expect(parseNotified(text)).toEqual({
      'ev-1:on-x:slack:a': NOW_S - 5,
      'ev-2:on-x:slack:a': NOW_S,
    });
  });
});

describe('planNotifiedAnnotation invariants', () => {
  const key = fc
    .tuple(fc.boolean(), fc.string({ minLength: 1, maxLength: 8 }))
    .map(([once, id]) => `${once ? 'once:' : ''}${id}:on-x:slack:a`);
  it('keeps at most the maximum, every new key, and nothing past its retention', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.integer({ min: NOW_S - 40 * 24 * HOUR, max: NOW_S })),
        fc.array(key, { maxLength: 50 }),
        (notified, newKeys) => {
          const kept = parseNotified(planNotifiedAnnotation(notified, newKeys, NOW));
          expect(Object.keys(kept).length).toBeLessThanOrEqual(MAX_NOTIFIED_KEYS);
          for (const k of newKeys) expect(kept[k]).toBe(NOW_S);
          for (const [k, at] of Object.entries(kept)) {
            const days = k.startsWith('once:') ? 30 : 1;
            expect(NOW_S - at).toBeLessThanOrEqual(days * 24 * HOUR);
          }
        },
      ),
    );
  });
});
