import { describe, expect, it } from 'vitest';
import { KubeClient, rolloutPath } from '../../../src/adapters/kube/index.js';
import { executeSweepPages } from '../../../src/controller/dispatch/execute-resync.js';
import { planRolloutWakes } from '../../../src/controller/dispatch/plan-resync.js';
import type { Rollout } from '../../../src/domain/index.js';
import type { Hint } from '../../../src/domain/hint.js';
import { isResyncNeeded, planSweepPage } from '../../../src/runtime/workers/sweep-plan.js';

const aRollout = (
  o: {
    name?: string;
    namespace?: string;
    generation?: number;
    observedGeneration?: string;
    phase?: string;
  } = {},
): Rollout =>
  ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: {
      name: o.name ?? 'shop',
      namespace: o.namespace ?? 'default',
      generation: o.generation ?? 2,
    },
    spec: {},
    status: { observedGeneration: o.observedGeneration ?? '2', phase: o.phase ?? 'Healthy' },
  }) as unknown as Rollout;

describe('isResyncNeeded', () => {
  it.each([
    { name: 'settled Healthy', r: aRollout(), expected: false },
    { name: 'unobserved generation', r: aRollout({ observedGeneration: '1' }), expected: true },
    { name: 'Paused', r: aRollout({ phase: 'Paused' }), expected: true },
    { name: 'Progressing', r: aRollout({ phase: 'Progressing' }), expected: true },
    { name: 'no status yet', r: { ...aRollout(), status: undefined } as Rollout, expected: true },
  ])('$name → $expected', ({ r, expected }) => expect(isResyncNeeded(r)).toBe(expected));

  it('pages name only the Rollouts that need a look', () => {
    expect(
      planSweepPage([
        aRollout({ name: 'a' }),
        aRollout({ name: 'b', namespace: 'shop', phase: 'Paused' }),
      ]),
    ).toEqual([{ kind: 'Rollout', namespace: 'shop', name: 'b' }]);
  });
});

describe('executeSweepPages (the Rollout pages of the resync sweep)', () => {
  it('follows continue tokens page by page and pokes what needs it', async () => {
    const all = Array.from({ length: 5 }, (_, i) =>
      aRollout({ name: `r${i}`, phase: i % 2 ? 'Healthy' : 'Degraded' }),
    );
    const urls: string[] = [];
    const kube = new KubeClient({
      server: 'https://kube.test',
      fetch: (url) => {
        urls.push(url);
        const q = new URL(url).searchParams;
        const from = Number(q.get('continue') ?? 0);
        const limit = Number(q.get('limit'));
        const next = from + limit < all.length ? String(from + limit) : undefined;
        return Promise.resolve(
          Response.json({ items: all.slice(from, from + limit), metadata: { continue: next } }),
        );
      },
    });
    const poked: Hint[] = [];
    const report = await executeSweepPages(
      kube,
      rolloutPath(),
      planRolloutWakes,
      (hints) => Promise.resolve(void poked.push(...hints)),
      2,
    );
    expect(report).toEqual({ pages: 3, listed: 5, woken: 3 });
    expect(poked.map((h) => h.name)).toEqual(['r0', 'r2', 'r4']);
    expect(
      urls.every((u) =>
        u.startsWith('https://kube.test/apis/argoproj.io/v1alpha1/rollouts?limit=2'),
      ),
    ).toBe(true);
  });
});
