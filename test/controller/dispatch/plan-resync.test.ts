import { describe, expect, it } from 'vitest';
import { planResync } from '../../../src/controller/dispatch/plan-resync.js';
import type { AnalysisRun, Experiment, Rollout } from '../../../src/domain/index.js';

const NOW = '2026-12-07T02:00:00Z';

const aRollout = (name: string, o: { phase?: string; observed?: string } = {}): Rollout =>
  ({
    metadata: { name, namespace: 'prod', generation: 4 },
    spec: {},
    status: { observedGeneration: o.observed ?? '4', phase: o.phase ?? 'Healthy' },
  }) as unknown as Rollout;

const anExperiment = (name: string, phase?: string, replicas = 0): Experiment =>
  ({
    metadata: { name, namespace: 'prod' },
    spec: { templates: [] },
    status: {
      ...(phase ? { phase } : {}),
      templateStatuses: [{ name: 'canary', replicas, updatedReplicas: 0, readyReplicas: 0 }],
    },
  }) as unknown as Experiment;

const aRun = (
  name: string,
  phase?: string,
  ttl?: { secondsAfterCompletion: number },
): AnalysisRun =>
  ({
    metadata: { name, namespace: 'prod' },
    spec: { metrics: [], ...(ttl ? { ttlStrategy: ttl } : {}) },
    status: phase ? { phase, completedAt: NOW } : undefined,
  }) as unknown as AnalysisRun;

describe('planResync: what a sweep wakes', () => {
  it.each([
    { name: 'a settled Healthy Rollout', observed: { rollouts: [aRollout('r')] }, wakes: [] },
    {
      name: 'a Rollout whose generation is unobserved',
      observed: { rollouts: [aRollout('r', { observed: '3' })] },
      wakes: ['Rollout/r'],
    },
    {
      name: 'a Paused Rollout (its pause timer may be lost)',
      observed: { rollouts: [aRollout('r', { phase: 'Paused' })] },
      wakes: ['Rollout/r'],
    },
    {
      name: 'a Running Experiment',
      observed: { experiments: [anExperiment('e', 'Running', 1)] },
      wakes: ['Experiment/e'],
    },
    {
      name: 'an Experiment with no status yet',
      observed: { experiments: [anExperiment('e')] },
      wakes: ['Experiment/e'],
    },
    {
      name: 'a Successful Experiment whose pods are not yet scaled down',
      observed: { experiments: [anExperiment('e', 'Successful', 2)] },
      wakes: ['Experiment/e'],
    },
    {
      name: 'a finished, scaled-down Experiment',
      observed: { experiments: [anExperiment('e', 'Failed', 0)] },
      wakes: [],
    },
    {
      name: 'a Running AnalysisRun (its next measurement may be lost)',
      observed: { analysisRuns: [aRun('a', 'Running')] },
      wakes: ['AnalysisRun/a'],
    },
    {
      name: 'an AnalysisRun not started',
      observed: { analysisRuns: [aRun('a')] },
      wakes: ['AnalysisRun/a'],
    },
    {
      name: 'a finished AnalysisRun with no TTL',
      observed: { analysisRuns: [aRun('a', 'Successful')] },
      wakes: [],
    },
    {
      name: 'a finished AnalysisRun its TTL will delete',
      observed: { analysisRuns: [aRun('a', 'Failed', { secondsAfterCompletion: 60 })] },
      wakes: ['AnalysisRun/a'],
    },
    {
      name: 'all three kinds, Rollouts first',
      observed: {
        analysisRuns: [aRun('a', 'Running')],
        experiments: [anExperiment('e', 'Running', 1)],
        rollouts: [aRollout('r', { phase: 'Progressing' }), aRollout('ok')],
      },
      wakes: ['Rollout/r', 'Experiment/e', 'AnalysisRun/a'],
    },
  ])('$name → $wakes', ({ observed, wakes }) => {
    const hints = planResync(observed);
    expect(hints.map((h) => `${h.kind}/${h.name}`)).toEqual(wakes);
    expect(hints.every((h) => h.namespace === 'prod')).toBe(true);
  });
});
