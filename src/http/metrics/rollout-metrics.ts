import { assessRolloutStatus } from '../../core/rollout-info/index.js';
import { currentSetWeight } from '../../core/rollout/replicas/desired-weight.js';
import { DEFAULTS, type AnalysisRun, type Rollout } from '../../domain/index.js';
import type { Labels, MetricFamily, Sample } from './prometheus-text.js';

/** The phases the deprecated one-series-per-phase gauges enumerate. */
export const ROLLOUT_PHASES = ['Progressing', 'Paused', 'Healthy', 'Degraded', 'Error'] as const;
export const ANALYSIS_PHASES = [
  'Pending',
  'Running',
  'Successful',
  'Failed',
  'Error',
  'Inconclusive',
] as const;

/** trafficRouting keys (CRD field names) as router names in the `traffic_router` label. */
const ROUTERS: Record<string, string> = {
  alb: 'ALB',
  ambassador: 'Ambassador',
  apisix: 'Apisix',
  appMesh: 'AppMesh',
  istio: 'Istio',
  nginx: 'Nginx',
  smi: 'SMI',
  traefik: 'Traefik',
  plugins: 'Plugin',
};

export function strategyLabel(rollout: Rollout): string {
  if (rollout.spec.strategy?.blueGreen) return 'blueGreen';
  if (rollout.spec.strategy?.canary) return 'canary';
  return 'none';
}

/** Every router the canary names, comma-separated in CRD order; empty without traffic routing. */
export function trafficRouterLabel(rollout: Rollout): string {
  const tr = rollout.spec.strategy?.canary?.trafficRouting ?? {};
  return Object.keys(tr)
    .filter(
      (k) =>
        k in ROUTERS ||
        (typeof tr[k] === 'object' && tr[k] !== null && !['managedRoutes'].includes(k)),
    )
    .map((k) => ROUTERS[k] ?? k)
    .join(',');
}

const gauge = (name: string, help: string, samples: Sample[]): MetricFamily => ({
  name,
  help,
  type: 'gauge',
  samples,
});
const onePerPhase = (base: Labels, phases: readonly string[], current: string): Sample[] =>
  phases.map((phase) => ({ labels: { ...base, phase }, value: phase === current ? 1 : 0 }));

/**
 * The Rollout gauges of spec §7, computed from the Rollout objects alone at scrape time, plus two
 * of this project's (`rollout_info_current_step_index`, `rollout_info_set_weight`) so a scrape shows
 * where a canary stands. Pure.
 */
export function buildRolloutFamilies(rollouts: readonly Rollout[]): MetricFamily[] {
  const info: Sample[] = [];
  const phase: Sample[] = [];
  const available: Sample[] = [];
  const unavailable: Sample[] = [];
  const desired: Sample[] = [];
  const updated: Sample[] = [];
  const step: Sample[] = [];
  const weight: Sample[] = [];
  for (const r of rollouts) {
    const id = { namespace: r.metadata.namespace ?? '', name: r.metadata.name };
    const status = assessRolloutStatus(r).status;
    const strategy = strategyLabel(r);
    const s = r.status ?? {};
    info.push({
      labels: { ...id, strategy, traffic_router: trafficRouterLabel(r), phase: status },
      value: 1,
    });
    phase.push(...onePerPhase({ ...id, strategy }, ROLLOUT_PHASES, status));
    available.push({ labels: id, value: s.availableReplicas ?? 0 });
    unavailable.push({
      labels: id,
      value: Math.max(0, (s.replicas ?? 0) - (s.availableReplicas ?? 0)),
    });
    desired.push({ labels: id, value: r.spec.replicas ?? DEFAULTS.replicas });
    updated.push({ labels: id, value: s.updatedReplicas ?? 0 });
    if (strategy === 'canary') {
      if (s.currentStepIndex !== undefined) step.push({ labels: id, value: s.currentStepIndex });
      weight.push({ labels: id, value: currentSetWeight(r) });
    }
  }
  return [
    gauge(
      'rollout_info',
      'Information about a Rollout: its strategy, traffic router and phase.',
      info,
    ),
    gauge('rollout_info_replicas_available', 'Available replicas of a Rollout.', available),
    gauge(
      'rollout_info_replicas_unavailable',
      'Replicas of a Rollout that are not available.',
      unavailable,
    ),
    gauge('rollout_info_replicas_desired', 'Replicas a Rollout asks for (spec.replicas).', desired),
    gauge(
      'rollout_info_replicas_updated',
      'Replicas of a Rollout running its current pod template.',
      updated,
    ),
    gauge(
      'rollout_phase',
      'Deprecated: use rollout_info. 1 for the phase a Rollout is in, 0 for the others.',
      phase,
    ),
    gauge(
      'rollout_info_current_step_index',
      'The canary step a Rollout is at (status.currentStepIndex); serverless-rollouts only.',
      step,
    ),
    gauge(
      'rollout_info_set_weight',
      'The canary weight the current step asks for; serverless-rollouts only.',
      weight,
    ),
  ];
}

/** The AnalysisRun gauges of spec §7. Pure. */
export function buildAnalysisRunFamilies(runs: readonly AnalysisRun[]): MetricFamily[] {
  const info: Sample[] = [];
  const phase: Sample[] = [];
  const metricType: Sample[] = [];
  const metricPhase: Sample[] = [];
  for (const run of runs) {
    const id = { namespace: run.metadata.namespace ?? '', name: run.metadata.name };
    const current = run.status?.phase ?? 'Pending';
    info.push({ labels: { ...id, phase: current }, value: 1 });
    phase.push(...onePerPhase(id, ANALYSIS_PHASES, current));
    const dry = new Set((run.spec.dryRun ?? []).map((d) => d.metricName));
    const results = new Map((run.status?.metricResults ?? []).map((m) => [m.name, m]));
    for (const m of run.spec.metrics ?? []) {
      const type = Object.keys(m.provider ?? {})[0] ?? 'Unknown';
      const result = results.get(m.name);
      const dryRun = result?.dryRun ?? (dry.has(m.name) || dry.has('*'));
      metricType.push({ labels: { ...id, metric: m.name, type }, value: 1 });
      metricPhase.push(
        ...onePerPhase(
          { ...id, metric: m.name, type, dry_run: String(dryRun) },
          ANALYSIS_PHASES,
          result?.phase ?? 'Pending',
        ),
      );
    }
  }
  return [
    gauge('analysis_run_info', 'Information about an AnalysisRun and its phase.', info),
    gauge(
      'analysis_run_phase',
      'Deprecated: use analysis_run_info. 1 for the phase an AnalysisRun is in, 0 for the others.',
      phase,
    ),
    gauge(
      'analysis_run_metric_type',
      'The provider type of each metric of an AnalysisRun.',
      metricType,
    ),
    gauge(
      'analysis_run_metric_phase',
      '1 for the phase each metric of an AnalysisRun is in, 0 for the others.',
      metricPhase,
    ),
  ];
}

export function buildControllerInfo(version: string): MetricFamily {
  return gauge('argo_rollouts_controller_info', 'The running controller, with its version.', [
    { labels: { version }, value: 1 },
  ]);
}
