import type { AnalysisRun, AnalysisTemplateSpec, Argument } from '../../domain/analysis.js';
import { ANNOTATIONS, LABELS } from '../../domain/index.js';
import { isCompletedAnalysisPhase } from '../../domain/phase.js';
import { templateKey } from '../../domain/template-key.js';
import {
  AnalysisArgsError,
  mergeArgs,
  mergeTemplates,
  resolveRolloutArgs,
  type RolloutArgument,
} from '../analysis/args/index.js';
import type { PlanContext } from './plan-context.js';
import { revisionOf } from './replica-sets.js';

export type RunType = 'Step' | 'Background' | 'PrePromotion' | 'PostPromotion';

/** `RolloutAnalysis` as steps, background analysis and blue-green pre/post analysis write it. */
export interface RolloutAnalysis {
  templates?: Array<{ templateName: string; clusterScope?: boolean }>;
  args?: RolloutArgument[];
  dryRun?: Array<{ metricName: string }>;
  measurementRetention?: Array<{ metricName: string; limit: number }>;
  analysisRunMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  startingStep?: number;
}

/** Templates a RolloutAnalysis names, nested `templates` followed (each kept once), or the first missing one. */
export function collectTemplates(
  ctx: PlanContext,
  analysis: RolloutAnalysis,
): { specs: AnalysisTemplateSpec[] } | { missing: string } {
  const specs: AnalysisTemplateSpec[] = [];
  const seen = new Set<string>();
  const visit = (
    refs: Array<{ templateName: string; clusterScope?: boolean }>,
  ): string | undefined => {
    for (const ref of refs) {
      const key = templateKey(ref);
      if (seen.has(key)) continue;
      seen.add(key);
      const spec = ctx.o.templates?.get(key);
      if (!spec)
        return `${ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} "${ref.templateName}" not found`;
      specs.push(spec);
      const missing = visit(spec.templates ?? []);
      if (missing) return missing;
    }
    return undefined;
  };
  const missing = visit(analysis.templates ?? []);
  return missing ? { missing } : { specs };
}

const SUFFIX: Record<RunType, (i?: number) => string> = {
  Step: (i) => `-${i ?? 0}`,
  Background: () => '',
  PrePromotion: () => '-pre',
  PostPromotion: () => '-post',
};

/**
 * The AnalysisRun for a slot (spec §1.10): named `<rollout>-<hash>-<revision>[-<stepIndex>|-pre|-post]`
 * (`.N` when that name is taken by another run), labelled with the Rollout's selector, the pod
 * template hash, `rollout-type` and `step-index`, owned by the Rollout. Errors (missing templates,
 * unresolved args) come back as a message for the caller to report.
 */
export function buildAnalysisRun(
  ctx: PlanContext,
  type: RunType,
  analysis: RolloutAnalysis,
  stepIndex?: number,
): { run: AnalysisRun } | { error: string } {
  const found = collectTemplates(ctx, analysis);
  if ('missing' in found) return { error: found.missing };
  const { rollout } = ctx;
  const hash = ctx.newHash ?? '';
  try {
    const merged = mergeTemplates(found.specs);
    const incoming = resolveRolloutArgs(rollout, analysis.args ?? [], {
      stable: ctx.status.stableRS,
      latest: hash,
    });
    const args: Argument[] = mergeArgs(merged.args, incoming);
    const revision = revisionOf(ctx.newRS);
    let name = `${rollout.metadata.name}-${hash}-${revision}${SUFFIX[type](stepIndex)}`;
    const taken = new Set((ctx.o.analysisRuns ?? []).map((r) => r.metadata.name));
    for (let n = 1; taken.has(name); n++)
      name = `${rollout.metadata.name}-${hash}-${revision}${SUFFIX[type](stepIndex)}.${n}`;
    const run: AnalysisRun = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name,
        namespace: rollout.metadata.namespace,
        labels: {
          ...rollout.spec.selector?.matchLabels,
          ...analysis.analysisRunMetadata?.labels,
          [LABELS.podTemplateHash]: hash,
          [LABELS.rolloutType]: type,
          ...(type === 'Step' ? { [LABELS.stepIndex]: String(stepIndex ?? 0) } : {}),
        },
        annotations: {
          ...analysis.analysisRunMetadata?.annotations,
          [ANNOTATIONS.revision]: String(revision),
        },
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
        metrics: merged.metrics,
        ...(args.length ? { args } : {}),
        ...(merged.dryRun.length || analysis.dryRun?.length
          ? { dryRun: [...merged.dryRun, ...(analysis.dryRun ?? [])] }
          : {}),
        ...(merged.measurementRetention.length || analysis.measurementRetention?.length
          ? {
              measurementRetention: [
                ...merged.measurementRetention,
                ...(analysis.measurementRetention ?? []),
              ],
            }
          : {}),
      },
    };
    return { run };
  } catch (e) {
    if (e instanceof AnalysisArgsError) return { error: e.message };
    throw e;
  }
}

export function runByName(ctx: PlanContext, name: string | undefined): AnalysisRun | undefined {
  return name ? ctx.o.analysisRuns?.find((r) => r.metadata.name === name) : undefined;
}

/** Asks a running AnalysisRun to stop (spec §2.6: `spec.terminate: true`). */
export function terminateRun(ctx: PlanContext, name: string | undefined): void {
  const run = runByName(ctx, name);
  if (!run || run.spec.terminate) return;
  if (isCompletedAnalysisPhase(run.status?.phase)) return;
  ctx.actions.push({ kind: 'terminateAnalysisRun', name: run.metadata.name });
}

/**
 * AnalysisRun history (spec §2.6): runs no status entry refers to are deleted when their
 * ReplicaSet is gone; of the rest, the newest `successfulRunHistoryLimit` Successful and
 * `unsuccessfulRunHistoryLimit` Failed/Error/Inconclusive are kept (5 each by default).
 */
export function planAnalysisRunHistory(ctx: PlanContext): void {
  const runs = ctx.o.analysisRuns ?? [];
  if (!runs.length) return;
  const refs = [
    ctx.status.canary?.currentStepAnalysisRunStatus,
    ctx.status.canary?.currentBackgroundAnalysisRunStatus,
    ctx.status.blueGreen?.prePromotionAnalysisRunStatus,
    ctx.status.blueGreen?.postPromotionAnalysisRunStatus,
  ];
  const current = new Set(
    refs.map((r) => (r as { name?: string } | undefined)?.name).filter(Boolean),
  );
  const hashes = new Set(
    [ctx.newRS, ...ctx.olderRSs]
      .map((rs) => rs?.metadata.labels?.[LABELS.podTemplateHash])
      .filter(Boolean),
  );
  const limits = ctx.rollout.spec.analysis ?? {};
  const keep = {
    ok: limits.successfulRunHistoryLimit ?? 5,
    bad: limits.unsuccessfulRunHistoryLimit ?? 5,
  };
  const newestFirst = [...runs].sort((a, b) =>
    String(b.metadata.creationTimestamp ?? '').localeCompare(
      String(a.metadata.creationTimestamp ?? ''),
    ),
  );
  for (const run of newestFirst) {
    if (current.has(run.metadata.name) || run.metadata.deletionTimestamp) continue;
    const hash = run.metadata.labels?.[LABELS.podTemplateHash];
    const phase = run.status?.phase ?? 'Pending';
    let drop = !hash || !hashes.has(hash);
    if (!drop && isCompletedAnalysisPhase(phase)) {
      const slot = phase === 'Successful' ? 'ok' : 'bad';
      if (keep[slot] > 0) keep[slot]--;
      else drop = true;
    }
    if (drop) ctx.actions.push({ kind: 'deleteAnalysisRun', name: run.metadata.name });
  }
}
