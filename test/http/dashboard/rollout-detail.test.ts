import { describe, expect, it } from 'vitest';
import {
  buildAnalysisRunView,
  buildRolloutDetail,
  buildStepView,
} from '../../../src/http/dashboard/rollout-detail.js';
import type { AnalysisRun, Rollout } from '../../../src/domain/index.js';

const aRun = (
  over: Partial<AnalysisRun> & { name?: string; owner?: string } = {},
): AnalysisRun => ({
  metadata: {
    name: over.name ?? 'shop-abc-2',
    namespace: 'default',
    labels: { 'rollout.argoproj.io/revision': '2' },
    ownerReferences: [
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Rollout',
        name: 'shop',
        uid: over.owner ?? 'u1',
        controller: true,
      },
    ],
  },
  spec: over.spec ?? {
    metrics: [
      {
        name: 'success-rate',
        provider: { prometheus: { query: 'x' } },
        successCondition: 'result[0] >= 0.95',
      },
    ],
    dryRun: [{ metricName: 'latency' }],
  },
  ...(over.status ? { status: over.status } : {}),
});

describe('buildStepView', () => {
  it.each([
    [{ setWeight: 40 }, 'setWeight', 'Set weight 40%'],
    [{ pause: {} }, 'pause', 'Pause (until promoted)'],
    [{ pause: { duration: '1m' } }, 'pause', 'Pause 1m'],
    [{ setCanaryScale: { replicas: 3 } }, 'setCanaryScale', 'Set canary scale: 3 replicas'],
    [{ analysis: { templates: [{ templateName: 'rate' }] } }, 'analysis', 'Analysis: rate'],
    [{ experiment: {} }, 'experiment', 'Experiment'],
    [{}, 'unknown', 'Unknown step'],
  ])('%j is a %s step: %s', (step, kind, text) => {
    expect(buildStepView(step)).toEqual({ kind, text });
  });
});

describe('buildAnalysisRunView', () => {
  it('lists every metric of the spec with its measurements, provider type and dry-run flag', () => {
    const run = aRun({
      spec: {
        metrics: [
          { name: 'success-rate', provider: { prometheus: {} } },
          { name: 'latency', provider: { web: {} } },
        ],
        dryRun: [{ metricName: 'latency' }],
      },
      status: {
        phase: 'Running',
        startedAt: '2024-01-01T00:00:00Z',
        metricResults: [
          {
            name: 'success-rate',
            phase: 'Running',
            measurements: [
              {
                phase: 'Successful',
                value: '[0.99]',
                startedAt: '2024-01-01T00:00:00Z',
                finishedAt: '2024-01-01T00:00:01Z',
              },
              { phase: 'Failed', value: '0.5', startedAt: '2024-01-01T00:01:00Z' },
            ],
          },
        ],
      },
    });
    expect(buildAnalysisRunView(run)).toEqual({
      name: 'shop-abc-2',
      phase: 'Running',
      revision: 2,
      startedAt: '2024-01-01T00:00:00Z',
      metrics: [
        {
          name: 'success-rate',
          phase: 'Running',
          type: 'prometheus',
          dryRun: false,
          measurements: [
            { phase: 'Successful', at: '2024-01-01T00:00:01Z', value: '[0.99]' },
            { phase: 'Failed', at: '2024-01-01T00:01:00Z', value: '0.5' },
          ],
        },
        { name: 'latency', phase: 'Pending', type: 'web', dryRun: true, measurements: [] },
      ],
    });
  });
});

describe('buildRolloutDetail', () => {
  it('keeps only the runs the Rollout owns, newest first', () => {
    const rollout = {
      metadata: { name: 'shop', namespace: 'default', uid: 'u1' },
      spec: {
        template: { spec: { containers: [{ name: 'web', image: 'shop:v1' }] } },
        strategy: { canary: { steps: [{ setWeight: 10 }] } },
      },
      status: { currentStepIndex: 0 },
    } as unknown as Rollout;
    const runs = [
      aRun({ name: 'old', status: { phase: 'Successful', startedAt: '2024-01-01T00:00:00Z' } }),
      aRun({ name: 'new', status: { phase: 'Running', startedAt: '2024-01-02T00:00:00Z' } }),
      aRun({ name: 'other', owner: 'u2' }),
    ];
    const d = buildRolloutDetail(rollout, runs);
    expect(d.analysisRuns.map((r) => r.name)).toEqual(['new', 'old']);
    expect(d).toMatchObject({
      strategy: 'Canary',
      currentStepIndex: 0,
      containers: [{ name: 'web', image: 'shop:v1' }],
      steps: [{ kind: 'setWeight', text: 'Set weight 10%' }],
    });
  });
});
