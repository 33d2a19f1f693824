import { describe, expect, it } from 'vitest';
import {
  buildReleaseHistory,
  DEFAULT_FIGURES_WINDOW_MS,
  summarizeRelease,
} from '../../../src/core/fleet/release-summary.js';
import type { Release } from '../../../src/domain/fleet.js';
import { isoTime } from '../../../src/domain/time.js';
import {
  aFleetRelease,
  heldRelease,
  releaseHistory,
  succeededRelease,
} from '../../support/builders/release.js';

// The read side's pure shaping (issue 21 §6): which releases a history lists, in which order,
// and what a summary says of each.
const NOW = Date.parse('2026-03-01T12:00:00Z');
const query = { limit: 50, windowMs: DEFAULT_FIGURES_WINDOW_MS };

/** A release of commit `c` committed at `committedAt`, started at `startedAt` (if given). */
function at(c: string, committedAt: string, startedAt?: string, name?: string): Release {
  const r = aFleetRelease({ commit: c.repeat(40).slice(0, 40), committedAt });
  return {
    ...r,
    metadata: { ...r.metadata, name: name ?? r.metadata.name },
    ...(startedAt
      ? {
          status: {
            commit: r.spec.commit,
            source: 'shop',
            phase: 'Progressing',
            startedAt,
            waves: [],
          },
        }
      : {}),
  };
}

describe('buildReleaseHistory', () => {
  it.each([
    [
      'the newest commit first',
      [at('a', '2026-02-01T00:00:00Z'), at('b', '2026-02-03T00:00:00Z')],
      ['shop-bbbbbbb', 'shop-aaaaaaa'],
    ],
    [
      'the same commit time: the later start first',
      [
        at('a', '2026-02-01T00:00:00Z', '2026-02-01T00:05:00Z'),
        at('b', '2026-02-01T00:00:00Z', '2026-02-01T00:01:00Z'),
      ],
      ['shop-aaaaaaa', 'shop-bbbbbbb'],
    ],
    [
      'an unreadable commit time sorts as the oldest',
      [at('a', 'not a time'), at('b', '2020-01-01T00:00:00Z')],
      ['shop-bbbbbbb', 'shop-aaaaaaa'],
    ],
    [
      'nothing else tells them apart: by name',
      [
        at('a', '2026-02-01T00:00:00Z', undefined, 'shop-z'),
        at('b', '2026-02-01T00:00:00Z', undefined, 'shop-m'),
      ],
      ['shop-m', 'shop-z'],
    ],
  ])('%s', (_, releases, names) => {
    const listed = buildReleaseHistory(releases, query, NOW).releases.map((r) => r.name);
    expect(listed).toEqual(names);
    expect(
      buildReleaseHistory([...releases].reverse(), query, NOW).releases.map((r) => r.name),
    ).toEqual(names);
  });

  it('lists one source only, cut to the limit; its figures count every release of it', () => {
    const history = buildReleaseHistory(
      releaseHistory(NOW),
      { ...query, source: 'shop', limit: 1 },
      NOW,
    );
    expect(history.releases.map((r) => r.name)).toEqual(['shop-b2c3d4e']);
    expect(history.figures).toMatchObject({ deployments: 1, failedChanges: 1, periodDays: 30 });
  });

  it('the window sets the figures period: 168h is 7 days ending now', () => {
    const { figures } = buildReleaseHistory([], { ...query, windowMs: 168 * 3_600_000 }, NOW);
    expect(figures).toMatchObject({
      periodDays: 7,
      from: '2026-02-22T12:00:00Z',
      to: '2026-03-01T12:00:00Z',
    });
  });
});

describe('summarizeRelease', () => {
  it('a soaking wave carries when its soak ends; a passed one does not', () => {
    const r = succeededRelease(NOW);
    const second = r.status?.waves[1];
    if (!second) throw new Error('the fixture has a second wave');
    delete second.passedAt;
    second.soakUntil = isoTime(NOW + 600_000);
    const waves = summarizeRelease(r).waves;
    expect(waves.map((w) => [w.state, w.soakUntil])).toEqual([
      ['passed', undefined],
      ['soaking', isoTime(NOW + 600_000)],
      ['passed', undefined],
    ]);
  });

  it('a newer push shows on an unfinished release before its next plan records it', () => {
    const r = heldRelease(NOW);
    const newer = 'd4e5f60718293a4b5c6d7e8f9012345678901234';
    expect(summarizeRelease({ ...r, spec: { ...r.spec, supersededBy: newer } })).toMatchObject({
      phase: 'Held',
      supersededBy: newer,
    });
  });
});
