import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRetryPolicy,
  computeBackoff,
  isRepeatable,
  isRetryableOutcome,
  parseRetryAfter,
  planRetry,
} from '../../../src/adapters/kube/retry-policy.js';

const MERGE = 'application/merge-patch+json';
const JSON_PATCH = 'application/json-patch+json';
const APPLY = 'application/apply-patch+yaml';
const guarded = { metadata: { resourceVersion: '42' }, status: { x: 1 } };

describe('which requests may be sent twice', () => {
  it.each([
    ['a read', { method: 'GET' }, true],
    ['a replace carrying the resourceVersion it read', { method: 'PUT', body: guarded }, true],
    ['a replace without one', { method: 'PUT', body: { metadata: { name: 'a' } } }, false],
    [
      'a merge patch guarded by resourceVersion',
      { method: 'PATCH', contentType: MERGE, body: guarded },
      true,
    ],
    [
      'an unguarded merge patch',
      { method: 'PATCH', contentType: MERGE, body: { spec: { replicas: 3 } } },
      false,
    ],
    [
      'a JSON patch led by a test op',
      {
        method: 'PATCH',
        contentType: JSON_PATCH,
        body: [
          { op: 'test', path: '/spec/x', value: 1 },
          { op: 'replace', path: '/spec/x', value: 2 },
        ],
      },
      true,
    ],
    [
      'a JSON patch without one',
      {
        method: 'PATCH',
        contentType: JSON_PATCH,
        body: [{ op: 'add', path: '/spec/list/-', value: 2 }],
      },
      false,
    ],
    [
      'a server-side apply',
      { method: 'PATCH', contentType: APPLY, body: { metadata: { name: 'a' } } },
      true,
    ],
    [
      'a create with a deterministic name',
      { method: 'POST', body: { metadata: { name: 'shop.1a2b' } } },
      true,
    ],
    [
      'a create the server names',
      { method: 'POST', body: { metadata: { generateName: 'shop.' } } },
      false,
    ],
    [
      'a delete with preconditions',
      { method: 'DELETE', body: { preconditions: { uid: 'u-1' } } },
      true,
    ],
    ['a delete without', { method: 'DELETE' }, false],
  ])('%s: %s', (_what, req, repeatable) => {
    expect(isRepeatable(req)).toBe(repeatable);
  });
});

describe('which answers are worth another attempt', () => {
  it.each([
    [{ status: 429 }, false, true],
    [{ status: 503, retryAfterMs: 1000 }, false, true],
    [{ status: 503 }, false, false],
    [{ status: 503 }, true, true],
    [{ status: 500 }, true, true],
    [{ status: 0 }, true, true],
    [{ status: 0 }, false, false],
    [{ status: 409 }, true, false],
    [{ status: 404 }, true, false],
    [{ status: 422 }, true, false],
  ])('%o for a request that is repeatable=%s: %s', (outcome, repeatable, retried) => {
    expect(isRetryableOutcome(outcome, repeatable)).toBe(retried);
  });
});

describe('backoff', () => {
  const policy = { baseDelayMs: 100, maxDelayMs: 2000 };

  it('doubles per retry and stays within [cap/2, cap], cap at most the maximum', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, r) => {
          const cap = Math.min(2000, 100 * 2 ** retry);
          const d = computeBackoff(retry, policy, () => r);
          return d >= cap / 2 && d <= cap;
        },
      ),
    );
    expect([0, 1, 2, 3, 4, 5].map((n) => computeBackoff(n, policy, () => 0))).toEqual([
      50, 100, 200, 400, 800, 1000,
    ]);
  });
});

describe('Retry-After', () => {
  const now = Date.parse('2026-12-06T12:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['Sun, 06 Dec 2026 12:00:05 GMT', 5000],
    ['Sun, 06 Dec 2026 11:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    [null, undefined],
  ])('%j waits %j ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it('waits at least what the server asked, and gives up rather than sleep past the budget', () => {
    const policy = buildRetryPolicy({ random: () => 0, budgetMs: 10_000 });
    expect(planRetry({ status: 429, retryAfterMs: 3000 }, 1, 0, false, policy)).toBe(3000);
    expect(planRetry({ status: 429, retryAfterMs: 3000 }, 1, 7500, false, policy)).toBeUndefined();
    expect(planRetry({ status: 500 }, 1, 0, true, policy)).toBe(50);
  });

  it('stops after the last attempt, and sends once with retry: false', () => {
    expect(planRetry({ status: 500 }, 8, 0, true, buildRetryPolicy({}))).toBeUndefined();
    expect(planRetry({ status: 500 }, 1, 0, true, buildRetryPolicy(false))).toBeUndefined();
  });
});
