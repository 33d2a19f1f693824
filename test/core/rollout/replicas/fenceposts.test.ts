import { describe, expect, it } from 'vitest';
import type { IntOrString } from '../../../../src/domain/index.js';
import { resolveFenceposts } from '../../../../src/core/rollout/replicas/index.js';

interface Row {
  name: string;
  surge?: IntOrString;
  unavailable?: IntOrString;
  replicas: number;
  expected: { maxSurge: number; maxUnavailable: number };
}

const row = (o: Row): Row => o;

describe('resolveFenceposts (spec §8.2, §10.1)', () => {
  it.each([
    row({
      name: 'defaults at 10 replicas: 25 % up / down',
      replicas: 10,
      expected: { maxSurge: 3, maxUnavailable: 2 },
    }),
    row({
      name: 'defaults at 1 replica',
      replicas: 1,
      expected: { maxSurge: 1, maxUnavailable: 0 },
    }),
    row({
      name: 'defaults at 4 replicas',
      replicas: 4,
      expected: { maxSurge: 1, maxUnavailable: 1 },
    }),
    row({
      name: '"2" is 2 %, not 2 pods',
      surge: '2',
      unavailable: '2',
      replicas: 10,
      expected: { maxSurge: 1, maxUnavailable: 0 },
    }),
    row({
      name: '"2%" is the same as "2"',
      surge: '2%',
      unavailable: '2%',
      replicas: 10,
      expected: { maxSurge: 1, maxUnavailable: 0 },
    }),
    row({
      name: '"20%" at 10 replicas',
      surge: '20%',
      unavailable: '20%',
      replicas: 10,
      expected: { maxSurge: 2, maxUnavailable: 2 },
    }),
    row({
      name: 'surge rounds up, unavailable down',
      surge: '15%',
      unavailable: '15%',
      replicas: 10,
      expected: { maxSurge: 2, maxUnavailable: 1 },
    }),
    row({
      name: 'integers are pod counts',
      surge: 2,
      unavailable: 3,
      replicas: 10,
      expected: { maxSurge: 2, maxUnavailable: 3 },
    }),
    row({
      name: 'both 0 % ⇒ unavailable 1',
      surge: '0%',
      unavailable: '0%',
      replicas: 10,
      expected: { maxSurge: 0, maxUnavailable: 1 },
    }),
    row({
      name: 'both 0 ⇒ unavailable 1',
      surge: 0,
      unavailable: 0,
      replicas: 10,
      expected: { maxSurge: 0, maxUnavailable: 1 },
    }),
    row({
      name: 'rounded down to 0 twice ⇒ unavailable 1',
      surge: 0,
      unavailable: '5%',
      replicas: 10,
      expected: { maxSurge: 0, maxUnavailable: 1 },
    }),
    row({
      name: 'unavailable capped at replicas (int)',
      surge: 1,
      unavailable: 20,
      replicas: 10,
      expected: { maxSurge: 1, maxUnavailable: 10 },
    }),
    row({
      name: 'unavailable capped at replicas (%)',
      surge: '200%',
      unavailable: '200%',
      replicas: 10,
      expected: { maxSurge: 20, maxUnavailable: 10 },
    }),
    row({
      name: '0 replicas ⇒ unavailable 0, even when both are 0',
      surge: 0,
      unavailable: 0,
      replicas: 0,
      expected: { maxSurge: 0, maxUnavailable: 0 },
    }),
    row({
      name: '0 replicas: percentages are 0',
      surge: '50%',
      unavailable: '50%',
      replicas: 0,
      expected: { maxSurge: 0, maxUnavailable: 0 },
    }),
    row({
      name: '0 replicas: an integer surge stays',
      surge: 2,
      unavailable: 2,
      replicas: 0,
      expected: { maxSurge: 2, maxUnavailable: 0 },
    }),
  ])('$name', ({ surge, unavailable, replicas, expected }) => {
    expect(resolveFenceposts(surge, unavailable, replicas)).toEqual(expected);
  });

  it.each<[string, IntOrString, IntOrString]>([
    ['a word for maxSurge', 'abc', 1],
    ['a word for maxUnavailable', 1, 'abc'],
    ['a negative integer', -1, 1],
    ['a fraction', 1.5, 1],
    ['a fractional percentage', '1.5%', 1],
    ['a negative percentage', '-5%', 1],
    ['an empty string', '', 1],
  ])('returns an error instead of throwing for %s', (_name, surge, unavailable) => {
    const result = resolveFenceposts(surge, unavailable, 10);
    expect(result).toEqual({ error: expect.stringContaining('invalid') });
  });

  it('names the field that is wrong', () => {
    expect(resolveFenceposts(1, 'abc', 10)).toEqual({
      error: expect.stringMatching(/^maxUnavailable "abc"/),
    });
  });
});
