import { describe, expect, it } from 'vitest';
import { computeDeliveryFigures } from '../../../src/core/fleet/index.js';
import type { Release, ReleasePhase } from '../../../src/domain/fleet.js';
import { aRelease } from './release-builders.js';

/** A finished (or not) release of `source` committed at `committedAt`. */
function aFinished(
  phase: ReleasePhase,
  committedAt: string,
  times: { healthyAt?: string; failedAt?: string; source?: string } = {},
): Release {
  const r = aRelease({ committedAt, source: times.source ?? 'shop' });
  return {
    ...r,
    status: {
      commit: r.spec.commit,
      source: r.spec.source,
      phase,
      waves: [],
      startedAt: committedAt,
      ...(times.healthyAt ? { healthyAt: times.healthyAt, finishedAt: times.healthyAt } : {}),
      ...(times.failedAt
        ? {
            failure: {
              cluster: 'prod-eu',
              namespace: 'shop',
              name: 'web',
              reason: 'x',
              at: times.failedAt,
            },
            finishedAt: times.failedAt,
          }
        : {}),
    },
  };
}

describe('computeDeliveryFigures', () => {
  const now = Date.parse('2026-02-01T00:00:00Z');
  const history = [
    aFinished('Succeeded', '2026-01-10T09:00:00Z', { healthyAt: '2026-01-10T10:00:00Z' }),
    aFinished('Failed', '2026-01-11T09:00:00Z', { failedAt: '2026-01-11T09:30:00Z' }),
    aFinished('Succeeded', '2026-01-11T11:00:00Z', { healthyAt: '2026-01-11T13:00:00Z' }),
    aFinished('Succeeded', '2026-01-20T08:00:00Z', { healthyAt: '2026-01-20T08:20:00Z' }),
    aFinished('Superseded', '2026-01-21T08:00:00Z'),
    aFinished('Failed', '2026-01-25T08:00:00Z', {
      failedAt: '2026-01-25T08:10:00Z',
      source: 'billing',
    }),
    // Before the period: neither a deployment nor a failure of it.
    aFinished('Succeeded', '2025-12-20T08:00:00Z', { healthyAt: '2025-12-20T09:00:00Z' }),
    aFinished('Failed', '2025-12-21T08:00:00Z', { failedAt: '2025-12-21T08:05:00Z' }),
    aFinished('Progressing', '2026-01-31T23:00:00Z'),
  ];

  it('counts as DORA defines the four figures (values worked out by hand)', () => {
    expect(computeDeliveryFigures(history, now)).toEqual({
      from: '2026-01-02T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
      periodDays: 30,
      deployments: 3,
      deploymentsPerDay: 0.1,
      // 1 h, 2 h and 20 min from commit to Healthy everywhere: the median is 1 h.
      leadTime: { medianSeconds: 3600, count: 3 },
      // Two failed of five finished (superseded and unfinished ones are neither).
      changeFailureRate: 0.4,
      failedChanges: 2,
      // shop failed at 09:30 and was Healthy again with the next release at 13:00; billing not yet.
      timeToRestore: { medianSeconds: 12_600, restored: 1, unrestored: 1 },
    });
  });

  it('an even count takes the mean of the middle two; a shorter period sees less', () => {
    const figures = computeDeliveryFigures(history, now, 15);
    expect(figures.deployments).toBe(1);
    expect(figures.leadTime).toEqual({ medianSeconds: 1200, count: 1 });
    expect(figures.changeFailureRate).toBe(0.5);
    const two = computeDeliveryFigures(history.slice(0, 3), now);
    expect(two.leadTime).toEqual({ medianSeconds: 5400, count: 2 });
  });

  it('with nothing finished there is no rate and no median', () => {
    expect(computeDeliveryFigures([], now)).toMatchObject({
      deployments: 0,
      deploymentsPerDay: 0,
      leadTime: { count: 0 },
      failedChanges: 0,
      timeToRestore: { restored: 0, unrestored: 0 },
    });
    expect(computeDeliveryFigures([], now)).not.toHaveProperty('changeFailureRate');
  });
});
