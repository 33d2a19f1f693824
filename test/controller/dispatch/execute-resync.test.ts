import { describe, expect, it } from 'vitest';
import { KubeClient } from '../../../src/adapters/kube/index.js';
import { executeResync } from '../../../src/controller/dispatch/execute-resync.js';
import type { ReconcileHint } from '../../../src/domain/hint.js';

const GROUP = '/apis/argoproj.io/v1alpha1';

/** A fake API serving paged collections; a collection absent from `served` answers 404 (CRD not installed). */
function fakeKube(served: Record<string, unknown[]>) {
  const paths: string[] = [];
  const kube = new KubeClient({
    server: 'https://kube.test',
    retry: false,
    fetch: (url) => {
      const u = new URL(url);
      paths.push(u.pathname + u.search);
      const all = served[u.pathname];
      if (!all)
        return Promise.resolve(
          Response.json({ kind: 'Status', code: 404, reason: 'NotFound' }, { status: 404 }),
        );
      const from = Number(u.searchParams.get('continue') ?? 0);
      const limit = Number(u.searchParams.get('limit'));
      const next = from + limit < all.length ? String(from + limit) : undefined;
      return Promise.resolve(
        Response.json({ items: all.slice(from, from + limit), metadata: { continue: next } }),
      );
    },
  });
  return { kube, paths };
}

const named = (name: string, status: Record<string, unknown>, generation = 1) => ({
  metadata: { name, namespace: 'prod', generation },
  spec: {},
  status,
});

describe('executeResync', () => {
  it('pages through Rollouts, Experiments and AnalysisRuns and wakes what the plan says', async () => {
    const { kube, paths } = fakeKube({
      [`${GROUP}/rollouts`]: [
        named('settled', { observedGeneration: '1', phase: 'Healthy' }),
        named('paused', { observedGeneration: '1', phase: 'Paused' }),
        named('edited', { observedGeneration: '1', phase: 'Healthy' }, 2),
      ],
      [`${GROUP}/experiments`]: [
        named('running', { phase: 'Running', templateStatuses: [{ name: 'a', replicas: 1 }] }),
        named('done', { phase: 'Successful', templateStatuses: [{ name: 'a', replicas: 0 }] }),
      ],
      [`${GROUP}/analysisruns`]: [named('measuring', { phase: 'Running' })],
    });
    const woken: ReconcileHint[] = [];
    const report = await executeResync(kube, (hints) => void woken.push(...hints), 2);
    expect(woken.map((h) => `${h.kind}/${h.namespace}/${h.name}`)).toEqual([
      'Rollout/prod/paused',
      'Rollout/prod/edited',
      'Experiment/prod/running',
      'AnalysisRun/prod/measuring',
    ]);
    expect(report).toEqual({ pages: 4, rollouts: 3, experiments: 2, analysisRuns: 1, woken: 4 });
    expect(paths.filter((p) => p.startsWith(`${GROUP}/rollouts?`))).toEqual([
      `${GROUP}/rollouts?limit=2`,
      `${GROUP}/rollouts?limit=2&continue=2`,
    ]);
  });

  it('finds nothing to wake in a kind whose CRD is not installed', async () => {
    const { kube } = fakeKube({
      [`${GROUP}/rollouts`]: [named('paused', { observedGeneration: '1', phase: 'Paused' })],
    });
    const woken: ReconcileHint[] = [];
    const report = await executeResync(kube, (hints) => void woken.push(...hints));
    expect(woken.map((h) => h.name)).toEqual(['paused']);
    expect(report).toMatchObject({ experiments: 0, analysisRuns: 0, woken: 1 });
  });
});
