/**
 * The canary `experiment` step (spec §3 "Rollout experiment step"): the Rollout creates an
 * Experiment from the step once it reaches it (and only once a stable exists), waits for it to
 * succeed, aborts when it fails or errors, pauses with `InconclusiveExperiment` when it is
 * inconclusive, and terminates it when the step is left (promote, abort, full promotion, a new
 * update). Templates with a `weight` get traffic as additional destinations while it runs.
 */
import type { Argument } from '../../../domain/analysis.js';
import { ANNOTATIONS, type CanaryStep, LABELS, type ReplicaSet } from '../../../domain/index.js';
import type { AdditionalDestination } from '../../../providers/traffic/index.js';
import { resolveRolloutArgs, type RolloutArgument } from '../../analysis/args/index.js';
import type { Experiment, ExperimentTemplate } from '../../../domain/experiment.js';
import { isCompletedExperimentPhase } from '../../../domain/phase.js';
import { emit, type PlanContext } from '../plan-context.js';
import { revisionOf } from '../replica-sets.js';
import { currentStep } from '../steps.js';
import { abortWith } from '../update-lifecycle.js';

export const INCONCLUSIVE_EXPERIMENT = 'InconclusiveExperiment';

interface StepTemplate {
  name: string;
  specRef: 'stable' | 'canary';
  replicas?: number;
  weight?: number;
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  selector?: { matchLabels?: Record<string, string> };
  service?: { name?: string };
}

interface StepAnalysis {
  name: string;
  templateName: string;
  clusterScope?: boolean;
  requiredForCompletion?: boolean;
  args?: RolloutArgument[];
}

interface ExperimentStep {
  duration?: string | number;
  templates?: StepTemplate[];
  analyses?: StepAnalysis[];
  dryRun?: Array<{ metricName: string }>;
  analysisRunMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

function stepOf(ctx: PlanContext): ExperimentStep | undefined {
  return currentStep(ctx.rollout, ctx.status.currentStepIndex)?.experiment as
    ExperimentStep | undefined;
}

/** The Rollout's current Experiment, as observed. */
export function currentExperiment(ctx: PlanContext): Experiment | undefined {
  const name = ctx.status.canary?.currentExperiment;
  return name ? ctx.o.experiments?.find((e) => e.metadata.name === name) : undefined;
}

function setCurrent(ctx: PlanContext, name: string | undefined): void {
  const canary = { ...ctx.status.canary };
  if (name) canary.currentExperiment = name;
  else delete canary.currentExperiment;
  ctx.status.canary = canary;
  if (Object.keys(canary).length === 0) delete ctx.status.canary;
}

/** Spec §3: `<rollout>-<hash>-<revision>-<stepIndex>`, `.N` when that name is taken. */
function experimentName(ctx: PlanContext, index: number): string {
  const base = `${ctx.rollout.metadata.name}-${ctx.newHash ?? ''}-${revisionOf(ctx.newRS)}-${index}`;
  const taken = new Set((ctx.o.experiments ?? []).map((e) => e.metadata.name));
  let name = base;
  for (let n = 1; taken.has(name); n++) name = `${base}.${n}`;
  return name;
}

/** A step template from the stable or canary ReplicaSet's pod template, its metadata labels added to template and selector. */
function buildTemplate(t: StepTemplate, source: ReplicaSet): ExperimentTemplate {
  const template = structuredClone(source.spec.template ?? {});
  const labels = { ...template.metadata?.labels, ...t.metadata?.labels };
  delete labels[LABELS.podTemplateHash];
  template.metadata = {
    ...template.metadata,
    labels,
    annotations: { ...template.metadata?.annotations, ...t.metadata?.annotations },
  };
  const matchLabels = {
    ...source.spec.selector?.matchLabels,
    ...t.metadata?.labels,
    ...t.selector?.matchLabels,
  };
  delete matchLabels[LABELS.podTemplateHash];
  return {
    name: t.name,
    replicas: t.replicas ?? 1,
    selector: { matchLabels },
    template,
    // A weighted template needs a Service for the routers to send it traffic.
    ...(t.service || t.weight !== undefined ? { service: { ...t.service } } : {}),
  };
}

function buildExperiment(
  ctx: PlanContext,
  step: ExperimentStep,
  index: number,
): Experiment | { error: string } {
  const { rollout } = ctx;
  const templates: ExperimentTemplate[] = [];
  for (const t of step.templates ?? []) {
    const source = t.specRef === 'stable' ? ctx.stableRS : ctx.newRS;
    if (!source) return { error: `template ${t.name}: the ${t.specRef} ReplicaSet does not exist` };
    templates.push(buildTemplate(t, source));
  }
  const hashes = {
    ...(ctx.status.stableRS ? { stable: ctx.status.stableRS } : {}),
    ...(ctx.newHash ? { latest: ctx.newHash } : {}),
  };
  const analyses = (step.analyses ?? []).map((a) => {
    const args: Argument[] = resolveRolloutArgs(rollout, a.args ?? [], hashes);
    return {
      name: a.name,
      templateName: a.templateName,
      ...(a.clusterScope ? { clusterScope: true } : {}),
      ...(a.requiredForCompletion ? { requiredForCompletion: true } : {}),
      ...(args.length ? { args } : {}),
    };
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Experiment',
    metadata: {
      name: experimentName(ctx, index),
      namespace: rollout.metadata.namespace,
      labels: {
        ...rollout.spec.selector?.matchLabels,
        [LABELS.podTemplateHash]: ctx.newHash ?? '',
        [LABELS.stepIndex]: String(index),
      },
      annotations: { [ANNOTATIONS.revision]: String(revisionOf(ctx.newRS)) },
      ownerReferences: [
        {
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'Rollout',
          name: rollout.metadata.name,
          uid: rollout.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      templates,
      ...(step.duration !== undefined ? { duration: step.duration } : {}),
      ...(rollout.spec.progressDeadlineSeconds !== undefined
        ? { progressDeadlineSeconds: rollout.spec.progressDeadlineSeconds }
        : {}),
      ...(analyses.length ? { analyses } : {}),
      ...(step.dryRun ? { dryRun: step.dryRun } : {}),
      ...(step.analysisRunMetadata ? { analysisRunMetadata: step.analysisRunMetadata } : {}),
    },
  };
}

function terminate(ctx: PlanContext, ex: Experiment | undefined): void {
  if (ex && !ex.spec.terminate && !isCompletedExperimentPhase(ex.status?.phase))
    ctx.actions.push({ kind: 'terminateExperiment', name: ex.metadata.name });
}

/** Creates, follows or terminates the step's Experiment (canary pass, after analysis). */
export function planCanaryExperiment(ctx: PlanContext): void {
  const { status, rollout } = ctx;
  const index = status.currentStepIndex;
  const step = stepOf(ctx);
  const ex = currentExperiment(ctx);
  const stopped =
    !!status.abort || !!status.promoteFull || status.stableRS === ctx.newHash || !ctx.stableRS;
  const forThisStep =
    ex?.metadata.labels?.[LABELS.stepIndex] === String(index) &&
    ex.metadata.labels?.[LABELS.podTemplateHash] === ctx.newHash;
  if (stopped || !step || (ex && !forThisStep)) {
    terminate(ctx, ex);
    if (status.canary?.currentExperiment && (!ex || !forThisStep || stopped))
      setCurrent(ctx, undefined);
    if (stopped || !step) return;
  }
  if (rollout.spec.paused || index === undefined) return;
  const current = forThisStep ? ex : undefined;
  if (!current) {
    if (status.canary?.currentExperiment) return; // created this pass or not yet observed
    const built = buildExperiment(ctx, step, index);
    if ('error' in built) {
      abortWith(ctx, `Experiment could not be created: ${built.error}`);
      return;
    }
    ctx.actions.push({ kind: 'createExperiment', experiment: built });
    setCurrent(ctx, built.metadata.name);
    emit(ctx, 'ExperimentCreated', `Created Experiment '${built.metadata.name}'`);
    return;
  }
  const phase = current.status?.phase;
  if (phase === 'Failed' || phase === 'Error')
    abortWith(
      ctx,
      `Experiment analysis phase is error/failed${current.status?.message ? `: ${current.status.message}` : ''}`,
    );
  if (
    phase === 'Inconclusive' &&
    !status.controllerPause &&
    !status.pauseConditions?.some((c) => c.reason === INCONCLUSIVE_EXPERIMENT)
  ) {
    status.pauseConditions = [
      ...(status.pauseConditions ?? []),
      { reason: INCONCLUSIVE_EXPERIMENT, startTime: ctx.nowIso },
    ];
    status.controllerPause = true;
    emit(ctx, 'RolloutPaused', `Rollout is paused (${INCONCLUSIVE_EXPERIMENT})`);
  }
}

/** The experiment step is done: its Experiment succeeded, or a promote cleared the inconclusive pause. */
export function experimentStepCompleted(ctx: PlanContext): boolean {
  const ex = currentExperiment(ctx);
  if (!ex || ex.metadata.labels?.[LABELS.stepIndex] !== String(ctx.status.currentStepIndex))
    return false;
  const phase = ex.status?.phase;
  if (phase === 'Successful') return true;
  return (
    phase === 'Inconclusive' && !!ctx.status.controllerPause && !ctx.status.pauseConditions?.length
  );
}

/** Weighted templates of a running Experiment, as extra router destinations (spec §4.3 `additional`). */
export function experimentDestinations(ctx: PlanContext): AdditionalDestination[] {
  const ex = currentExperiment(ctx);
  const step = currentStep(ctx.rollout, ctx.status.currentStepIndex);
  if (
    !ex ||
    ex.status?.phase !== 'Running' ||
    !ex.status.availableAt ||
    ctx.status.abort ||
    !isExperimentStep(step)
  )
    return [];
  const weights = new Map(
    ((step.experiment as ExperimentStep).templates ?? []).flatMap((t) =>
      t.weight !== undefined ? [[t.name, t.weight] as const] : [],
    ),
  );
  return (ex.status.templateStatuses ?? []).flatMap((t) => {
    const weight = weights.get(t.name);
    return weight !== undefined && t.serviceName
      ? [
          {
            serviceName: t.serviceName,
            weight,
            ...(t.podTemplateHash ? { podTemplateHash: t.podTemplateHash } : {}),
          },
        ]
      : [];
  });
}

function isExperimentStep(
  step: CanaryStep | undefined,
): step is CanaryStep & { experiment: Record<string, unknown> } {
  return !!step?.experiment;
}

/**
 * Finished Experiments of revisions whose ReplicaSet was deleted by the revision history limit go
 * with it (spec §8.10), as their AnalysisRuns do.
 */
export function planExperimentHistory(ctx: PlanContext): void {
  const hashes = new Set(
    [ctx.newRS, ...ctx.olderRSs]
      .map((rs) => rs?.metadata.labels?.[LABELS.podTemplateHash])
      .filter(Boolean),
  );
  for (const ex of ctx.o.experiments ?? []) {
    if (
      ex.metadata.name === ctx.status.canary?.currentExperiment ||
      ex.metadata.deletionTimestamp ||
      !isCompletedExperimentPhase(ex.status?.phase)
    )
      continue;
    const hash = ex.metadata.labels?.[LABELS.podTemplateHash];
    if (!hash || !hashes.has(hash))
      ctx.actions.push({ kind: 'deleteExperiment', name: ex.metadata.name });
  }
}
