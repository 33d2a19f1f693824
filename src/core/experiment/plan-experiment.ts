import {
  type ExperimentContext,
  newExperimentContext,
  toExperimentPlan,
} from './experiment-context.js';
import { durationEndsAt, parseExperimentDuration, passedDuration } from './experiment-duration.js';
import { planAnalyses, terminateAnalyses } from './experiment-analyses.js';
import type { TemplateStatus } from '../../domain/experiment.js';
import { isCompletedExperimentPhase } from '../../domain/phase.js';
import { assessExperimentPhase, isExperimentTerminating } from './experiment-phase.js';
import type { ExperimentPlan, ObservedExperiment } from './experiment-types.js';
import { findTemplateReplicaSet } from './template-replica-set.js';
import { planTemplateScale } from './template-scaling.js';
import { planTemplateService } from './template-services.js';
import { assessTemplateStatus } from './template-status.js';

/**
 * One reconcile of an Experiment (spec §3), decided without I/O: template ReplicaSets and
 * Services, template statuses, `availableAt`, AnalysisRuns, the phase, and the scale-down once
 * it terminates. Returns the actions, the complete new status, events, and when to look again.
 */
export function planExperiment(o: ObservedExperiment): ExperimentPlan {
  const ctx = newExperimentContext(o);
  if (o.experiment.metadata.deletionTimestamp) return toExperimentPlan(ctx, 'being deleted');
  const duration = parseExperimentDuration(ctx.ex);
  if ('error' in duration && !isCompletedExperimentPhase(ctx.prev.phase)) {
    setPhase(ctx, 'Error', duration.error);
    return toExperimentPlan(ctx, 'invalid duration');
  }
  const terminatingBefore = isExperimentTerminating(ctx.ex, ctx.prev);
  const finishing = terminatingBefore || passedDuration(ctx.ex, ctx.prev, ctx.now);
  const statuses: TemplateStatus[] = ctx.ex.spec.templates.map((t) =>
    assessTemplateStatus(ctx, t, findTemplateReplicaSet(o, t), finishing),
  );
  ctx.status.templateStatuses = statuses;
  if (!ctx.status.availableAt && statuses.length && statuses.every((s) => s.status === 'Running'))
    ctx.status.availableAt = ctx.nowIso;
  planAnalyses(ctx, terminatingBefore);
  const verdict = assessExperimentPhase(ctx.ex, ctx.prev, ctx.status);
  setPhase(ctx, verdict.phase, verdict.message);
  const terminating =
    isExperimentTerminating(ctx.ex, ctx.status) || passedDuration(ctx.ex, ctx.status, ctx.now);
  if (terminating) terminateAnalyses(ctx);
  ctx.ex.spec.templates.forEach((t, i) => {
    const rs = findTemplateReplicaSet(o, t);
    planTemplateScale(ctx, t, rs, terminating);
    const ts = statuses[i];
    if (ts) planTemplateService(ctx, t, rs, ts, terminating);
  });
  const end = durationEndsAt(ctx.ex, ctx.status);
  if (end !== undefined && !terminating) ctx.wakeAt.push(end);
  return toExperimentPlan(ctx, terminating ? 'terminating' : 'reconciled');
}

function setPhase(
  ctx: ExperimentContext,
  phase: NonNullable<ExperimentPlan['status']['phase']>,
  message: string | undefined,
): void {
  const before = ctx.prev.phase;
  ctx.status.phase = phase;
  if (message) ctx.status.message = message;
  else delete ctx.status.message;
  if (before !== phase) {
    const type =
      phase === 'Failed' || phase === 'Error' || phase === 'Inconclusive' ? 'Warning' : 'Normal';
    ctx.events.push({
      type,
      reason: `Experiment${phase}`,
      message: `Experiment ${ctx.ex.metadata.name} phase ${before ?? 'NoPreviousStatus'} -> ${phase}${message ? `: ${message}` : ''}`,
    });
  }
}
