import { strategyOf } from '../../core/rollout-info/index.js';
import { ANNOTATIONS, type AnalysisRun, type Rollout } from '../../domain/index.js';

/** One step of a canary, as the dashboard's step list shows it: its kind and a short text. */
export interface StepView {
  kind:
    | 'setWeight'
    | 'pause'
    | 'setCanaryScale'
    | 'analysis'
    | 'experiment'
    | 'setHeaderRoute'
    | 'setMirrorRoute'
    | 'plugin'
    | 'unknown';
  text: string;
}

export interface MeasurementPoint {
  phase: string;
  /** finishedAt, else startedAt (ISO); points without either are left out of charts. */
  at?: string;
  /** The raw value string the provider returned (may be a number, a JSON array or text). */
  value?: string;
  message?: string;
}

export interface MetricView {
  name: string;
  phase: string;
  /** The provider key (`prometheus`, `web`, `job`…). */
  type: string;
  dryRun: boolean;
  successCondition?: string;
  failureCondition?: string;
  measurements: MeasurementPoint[];
}

export interface AnalysisRunView {
  name: string;
  phase: string;
  message?: string;
  revision?: number;
  startedAt?: string;
  metrics: MetricView[];
}

/** What the RolloutInfo JSON leaves out and the Rollout page needs: the steps, containers and the runs' measurements. */
export interface RolloutDetail {
  namespace: string;
  name: string;
  strategy: string;
  steps: StepView[];
  currentStepIndex?: number;
  /** status.currentPodHash: with currentStepIndex, the state the page's buttons are bound to (issue 15). */
  currentPodHash?: string;
  containers: Array<{ name: string; image: string }>;
  analysisRuns: AnalysisRunView[];
}

/** Pure: the Rollout's steps and containers plus the AnalysisRuns it owns, newest first. */
export function buildRolloutDetail(rollout: Rollout, runs: readonly AnalysisRun[]): RolloutDetail {
  const uid = rollout.metadata.uid;
  const owned = runs.filter((r) =>
    r.metadata.ownerReferences?.some(
      (o) => o.kind === 'Rollout' && (o.uid === uid || (!uid && o.name === rollout.metadata.name)),
    ),
  );
  const index = rollout.status?.currentStepIndex;
  return {
    namespace: rollout.metadata.namespace ?? '',
    name: rollout.metadata.name,
    strategy: strategyOf(rollout),
    steps: (rollout.spec.strategy?.canary?.steps ?? []).map((step) =>
      buildStepView(step as Record<string, unknown>),
    ),
    ...(index !== undefined ? { currentStepIndex: index } : {}),
    ...(rollout.status?.currentPodHash ? { currentPodHash: rollout.status.currentPodHash } : {}),
    containers: (
      (rollout.spec.template?.spec?.containers ?? []) as Array<{ name: string; image?: string }>
    ).map((c) => ({ name: c.name, image: c.image ?? '' })),
    analysisRuns: owned
      .map(buildAnalysisRunView)
      .sort(
        (a, b) =>
          (b.startedAt ?? '').localeCompare(a.startedAt ?? '') || b.name.localeCompare(a.name),
      ),
  };
}

export function buildStepView(step: Record<string, unknown>): StepView {
  const s = step as Record<string, Record<string, unknown> | number | undefined>;
  if (typeof s.setWeight === 'number')
    return { kind: 'setWeight', text: `Set weight ${s.setWeight}%` };
  if (s.pause !== undefined) {
    const d = (s.pause as { duration?: unknown }).duration;
    return {
      kind: 'pause',
      text:
        d === undefined
          ? 'Pause (until promoted)'
          : `Pause ${typeof d === 'number' ? `${d}s` : String(d)}`,
    };
  }
  if (s.setCanaryScale) {
    const c = s.setCanaryScale as {
      replicas?: number;
      weight?: number;
      matchTrafficWeight?: boolean;
    };
    const what =
      c.replicas !== undefined
        ? `${c.replicas} replicas`
        : c.weight !== undefined
          ? `${c.weight}%`
          : 'match traffic weight';
    return { kind: 'setCanaryScale', text: `Set canary scale: ${what}` };
  }
  if (s.analysis) {
    const t = ((s.analysis as { templates?: Array<{ templateName?: string }> }).templates ?? [])
      .map((x) => x.templateName)
      .filter(Boolean);
    return { kind: 'analysis', text: `Analysis${t.length ? `: ${t.join(', ')}` : ''}` };
  }
  if (s.experiment) return { kind: 'experiment', text: 'Experiment' };
  if (s.setHeaderRoute)
    return {
      kind: 'setHeaderRoute',
      text: `Header route ${String((s.setHeaderRoute as { name?: string }).name ?? '')}`.trim(),
    };
  if (s.setMirrorRoute)
    return {
      kind: 'setMirrorRoute',
      text: `Mirror route ${String((s.setMirrorRoute as { name?: string }).name ?? '')}`.trim(),
    };
  if (s.plugin)
    return {
      kind: 'plugin',
      text: `Plugin ${String((s.plugin as { name?: string }).name ?? '')}`.trim(),
    };
  return { kind: 'unknown', text: 'Unknown step' };
}

export function buildAnalysisRunView(run: AnalysisRun): AnalysisRunView {
  const dry = new Set((run.spec.dryRun ?? []).map((d) => d.metricName));
  const results = new Map((run.status?.metricResults ?? []).map((m) => [m.name, m]));
  const revision = Number(
    run.metadata.labels?.[ANNOTATIONS.revision] ?? run.metadata.annotations?.[ANNOTATIONS.revision],
  );
  const metrics = run.spec.metrics.map((m): MetricView => {
    const r = results.get(m.name);
    return {
      name: m.name,
      phase: r?.phase ?? 'Pending',
      type: Object.keys(m.provider ?? {})[0] ?? 'unknown',
      dryRun: r?.dryRun ?? (dry.has(m.name) || dry.has('*')),
      ...(m.successCondition ? { successCondition: m.successCondition } : {}),
      ...(m.failureCondition ? { failureCondition: m.failureCondition } : {}),
      measurements: (r?.measurements ?? []).map((x) => ({
        phase: x.phase,
        ...(x.finishedAt || x.startedAt ? { at: x.finishedAt ?? x.startedAt } : {}),
        ...(x.value !== undefined ? { value: x.value } : {}),
        ...(x.message ? { message: x.message } : {}),
      })),
    };
  });
  return {
    name: run.metadata.name,
    phase: run.status?.phase ?? 'Pending',
    ...(run.status?.message ? { message: run.status.message } : {}),
    ...(Number.isInteger(revision) && revision > 0 ? { revision } : {}),
    ...(run.status?.startedAt || run.metadata.creationTimestamp
      ? { startedAt: run.status?.startedAt ?? run.metadata.creationTimestamp }
      : {}),
    metrics,
  };
}
