import { describe, expect, it } from 'vitest';
import type { AnalysisRun, Rollout } from '../../../src/domain/index.js';
import {
  buildAnalysisRunFamilies,
  buildRolloutFamilies,
} from '../../../src/http/metrics/rollout-metrics.js';
import type { MetricFamily } from '../../../src/http/metrics/prometheus-text.js';

const aRollout = (
  over: {
    name?: string;
    strategy?: Record<string, unknown>;
    status?: Record<string, unknown>;
    replicas?: number;
  } = {},
): Rollout =>
  ({
    metadata: { name: over.name ?? 'shop', namespace: 'default', generation: 2 },
    spec: {
      replicas: over.replicas ?? 5,
      strategy: over.strategy ?? { canary: { steps: [{ setWeight: 20 }, { pause: {} }] } },
    },
    status: { observedGeneration: '2', ...over.status },
  }) as unknown as Rollout;

const samples = (families: MetricFamily[], name: string) =>
  families.find((f) => f.name === name)?.samples ?? [];

describe('buildRolloutFamilies', () => {
  it('labels rollout_info with strategy, traffic router and phase', () => {
    const f = buildRolloutFamilies([
      aRollout({
        status: {
          phase: 'Paused',
          currentStepIndex: 1,
          replicas: 6,
          availableReplicas: 5,
          updatedReplicas: 1,
        },
      }),
      aRollout({
        name: 'web',
        strategy: {
          canary: { trafficRouting: { nginx: { stableIngress: 'web' }, maxTrafficWeight: 100 } },
        },
        status: { phase: 'Healthy' },
      }),
      aRollout({
        name: 'bg',
        strategy: { blueGreen: { activeService: 'a' } },
        status: { phase: 'Progressing' },
      }),
    ]);
    expect(samples(f, 'rollout_info').map((s) => s.labels)).toEqual([
      {
        namespace: 'default',
        name: 'shop',
        strategy: 'canary',
        traffic_router: '',
        phase: 'Paused',
      },
      {
        namespace: 'default',
        name: 'web',
        strategy: 'canary',
        traffic_router: 'Nginx',
        phase: 'Healthy',
      },
      {
        namespace: 'default',
        name: 'bg',
        strategy: 'blueGreen',
        traffic_router: '',
        phase: 'Progressing',
      },
    ]);
    expect(samples(f, 'rollout_info_replicas_available')[0]?.value).toBe(5);
    expect(samples(f, 'rollout_info_replicas_unavailable')[0]?.value).toBe(1);
    expect(samples(f, 'rollout_info_replicas_desired')[0]?.value).toBe(5);
    expect(samples(f, 'rollout_info_replicas_updated')[0]?.value).toBe(1);
    expect(samples(f, 'rollout_info_current_step_index')).toEqual([
      { labels: { namespace: 'default', name: 'shop' }, value: 1 },
    ]);
    expect(samples(f, 'rollout_info_set_weight')[0]).toEqual({
      labels: { namespace: 'default', name: 'shop' },
      value: 20,
    });
  });

  it('sets the deprecated rollout_phase to 1 for the current phase only', () => {
    const phase = samples(
      buildRolloutFamilies([aRollout({ status: { phase: 'Degraded' } })]),
      'rollout_phase',
    );
    expect(phase.filter((s) => s.value === 1).map((s) => s.labels.phase)).toEqual(['Degraded']);
    expect(phase.map((s) => s.labels.phase)).toEqual([
      'Progressing',
      'Paused',
      'Healthy',
      'Degraded',
      'Error',
    ]);
    expect(phase[0]?.labels).toMatchObject({ strategy: 'canary' });
  });

  it('reads an unobserved generation as Progressing, as clients do (spec §1.9)', () => {
    const r = aRollout({ status: { phase: 'Healthy', observedGeneration: '1' } });
    expect(samples(buildRolloutFamilies([r]), 'rollout_info')[0]?.labels.phase).toBe('Progressing');
  });
});

describe('buildAnalysisRunFamilies', () => {
  it('reports run info, metric types and metric phases with dry_run', () => {
    const run = {
      metadata: { name: 'shop-1', namespace: 'default' },
      spec: {
        metrics: [
          { name: 'rate', provider: { prometheus: {} } },
          { name: 'lat', provider: { web: {} } },
        ],
        dryRun: [{ metricName: 'lat' }],
      },
      status: { phase: 'Running', metricResults: [{ name: 'rate', phase: 'Successful' }] },
    } as unknown as AnalysisRun;
    const f = buildAnalysisRunFamilies([run]);
    expect(samples(f, 'analysis_run_info')).toEqual([
      { labels: { namespace: 'default', name: 'shop-1', phase: 'Running' }, value: 1 },
    ]);
    expect(samples(f, 'analysis_run_metric_type').map((s) => s.labels)).toEqual([
      { namespace: 'default', name: 'shop-1', metric: 'rate', type: 'prometheus' },
      { namespace: 'default', name: 'shop-1', metric: 'lat', type: 'web' },
    ]);
    const current = samples(f, 'analysis_run_metric_phase')
      .filter((s) => s.value === 1)
      .map((s) => s.labels);
    expect(current).toEqual([
      {
        namespace: 'default',
        name: 'shop-1',
        metric: 'rate',
        type: 'prometheus',
        dry_run: 'false',
        phase: 'Successful',
      },
      {
        namespace: 'default',
        name: 'shop-1',
        metric: 'lat',
        type: 'web',
        dry_run: 'true',
        phase: 'Pending',
      },
    ]);
  });
});
