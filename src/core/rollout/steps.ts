import type { CanaryStep, Rollout } from '../../domain/index.js';

export function stepsOf(rollout: Rollout): CanaryStep[] {
  return rollout.spec.strategy?.canary?.steps ?? [];
}

export function currentStep(rollout: Rollout, index: number | undefined): CanaryStep | undefined {
  const steps = stepsOf(rollout);
  return index === undefined || index >= steps.length ? undefined : steps[index];
}

/** Seconds of a pause duration: integer seconds or a string with s/m/h (no unit = seconds). */
export function durationSeconds(value: number | string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const m = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : n;
}

/** The step as upstream names it in RolloutStepCompleted events, e.g. `setWeight: 20`, `pause: 30s`. */
export function stepString(step: CanaryStep | undefined): string {
  if (!step) return '';
  if (step.setWeight !== undefined) return `setWeight: ${step.setWeight}`;
  if (step.pause)
    return step.pause.duration !== undefined
      ? `pause: ${typeof step.pause.duration === 'number' ? `${step.pause.duration}s` : step.pause.duration}`
      : 'pause';
  if (step.setCanaryScale) {
    const s = step.setCanaryScale;
    if (s.replicas !== undefined) return `setCanaryScale{replicas: ${s.replicas}}`;
    if (s.weight !== undefined) return `setCanaryScale{weight: ${s.weight}}`;
    return `setCanaryScale{matchTrafficWeight: ${String(s.matchTrafficWeight ?? false)}}`;
  }
  if (step.analysis) return 'analysis';
  if (step.experiment) return 'experiment';
  if (step.setHeaderRoute) return `setHeaderRoute: ${step.setHeaderRoute.name ?? ''}`;
  if (step.setMirrorRoute) return `setMirrorRoute: ${step.setMirrorRoute.name ?? ''}`;
  if (step.plugin) return `plugin: ${step.plugin.name ?? ''}`;
  return '';
}
