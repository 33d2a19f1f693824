import type { AnalysisRun, AnalysisTemplateSpec } from '../../domain/analysis.js';
import { ANNOTATIONS, LABELS } from '../../domain/index.js';
import { AnalysisArgsError, mergeArgs, mergeTemplates } from '../analysis/args/index.js';
import type { ExperimentContext } from './experiment-context.js';
import { resolveExperimentArgs } from './experiment-args.js';
import type { ExperimentAnalysis, ExperimentAnalysisRunStatus } from '../../domain/experiment.js';
import { isCompletedAnalysisPhase } from '../../domain/phase.js';
import { templateKey } from '../../domain/template-key.js';
import { ownLabel } from './template-replica-set.js';

/** `<experiment>-<analysis>` (spec §1.10, "Experiment AR"). */
export function experimentRunName(exName: string, a: ExperimentAnalysis): string {
  return `${exName}-${a.name}`;
}

/** The templates an analysis names, nested ones followed, or the first missing one. */
export function collectExperimentTemplates(
  templates: ReadonlyMap<string, AnalysisTemplateSpec | undefined>,
  a: ExperimentAnalysis,
): { specs: AnalysisTemplateSpec[] } | { missing: string } {
  const specs: AnalysisTemplateSpec[] = [];
  const seen = new Set<string>();
  let pending = [
    { templateName: a.templateName, ...(a.clusterScope ? { clusterScope: true } : {}) },
  ];
  while (pending.length) {
    const ref = pending.shift();
    if (!ref || seen.has(templateKey(ref))) continue;
    seen.add(templateKey(ref));
    const spec = templates.get(templateKey(ref));
    if (!spec)
      return {
        missing: `${ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate'} "${ref.templateName}" not found`,
      };
    specs.push(spec);
    pending = [...pending, ...(spec.templates ?? [])];
  }
  return { specs };
}

/** The AnalysisRun for one analysis, owned by the Experiment; errors (args, duplicate metrics) as a message. */
export function buildExperimentRun(
  ctx: ExperimentContext,
  a: ExperimentAnalysis,
  specs: AnalysisTemplateSpec[],
): { run: AnalysisRun } | { error: string } {
  const { ex } = ctx;
  try {
    const merged = mergeTemplates(specs);
    const args = mergeArgs(merged.args, resolveExperimentArgs(ex, ctx.status, a.args ?? []));
    const labels = ex.metadata.labels ?? {};
    const inherited = Object.fromEntries(
      [LABELS.podTemplateHash, LABELS.controllerInstanceId]
        .filter((k) => labels[k] !== undefined)
        .map((k) => [k, labels[k] ?? '']),
    );
    const revision = ex.metadata.annotations?.[ANNOTATIONS.revision];
    const dryRun = [...merged.dryRun, ...(ex.spec.dryRun ?? [])];
    const retention = [...merged.measurementRetention, ...(ex.spec.measurementRetention ?? [])];
    const run: AnalysisRun = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AnalysisRun',
      metadata: {
        name: experimentRunName(ex.metadata.name, a),
        namespace: ex.metadata.namespace,
        labels: { ...ex.spec.analysisRunMetadata?.labels, ...inherited, ...ownLabel(ex) },
        annotations: {
          ...ex.spec.analysisRunMetadata?.annotations,
          ...(revision ? { [ANNOTATIONS.revision]: revision } : {}),
        },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'Experiment',
            name: ex.metadata.name,
            uid: ex.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        metrics: merged.metrics,
        ...(args.length ? { args } : {}),
        ...(dryRun.length ? { dryRun } : {}),
        ...(retention.length ? { measurementRetention: retention } : {}),
      },
    };
    return { run };
  } catch (e) {
    if (e instanceof AnalysisArgsError) return { error: e.message };
    throw e;
  }
}

/**
 * The analyses (spec §3 steps 3 and 5): templates are verified from the start (missing ⇒ an
 * Error entry); runs are created once the experiment is available and not terminating; their
 * phases are mirrored into `status.analysisRuns`.
 */
export function planAnalyses(ctx: ExperimentContext, terminating: boolean): void {
  const entries: ExperimentAnalysisRunStatus[] = [];
  for (const a of ctx.ex.spec.analyses ?? []) {
    const name = experimentRunName(ctx.ex.metadata.name, a);
    const run = ctx.o.analysisRuns.find((r) => r.metadata.name === name);
    const prev = ctx.prev.analysisRuns?.find((e) => e.name === a.name);
    if (run) {
      const phase = run.status?.phase ?? 'Pending';
      entries.push({
        name: a.name,
        analysisRun: name,
        phase,
        ...(run.status?.message ? { message: run.status.message } : {}),
      });
      continue;
    }
    if (prev?.analysisRun || (prev && isCompletedAnalysisPhase(prev.phase))) {
      entries.push(prev); // the run is gone (deleted by hand): its last word stands
      continue;
    }
    const found = collectExperimentTemplates(ctx.o.templates, a);
    if ('missing' in found) {
      entries.push({ name: a.name, phase: 'Error', message: found.missing });
      continue;
    }
    if (!ctx.status.availableAt || terminating) continue;
    const built = buildExperimentRun(ctx, a, found.specs);
    if ('error' in built) {
      entries.push({ name: a.name, phase: 'Error', message: built.error });
      continue;
    }
    ctx.actions.push({ kind: 'createAnalysisRun', run: built.run });
    entries.push({ name: a.name, analysisRun: name, phase: 'Pending' });
  }
  if (entries.length) ctx.status.analysisRuns = entries;
  else delete ctx.status.analysisRuns;
}

/**
 * Once the experiment terminates (spec §3 step 5): running runs get `spec.terminate: true`, and
 * runs this pass was about to create are not created after all.
 */
export function terminateAnalyses(ctx: ExperimentContext): void {
  const creating = new Set(
    ctx.actions.flatMap((a) => (a.kind === 'createAnalysisRun' ? [a.run.metadata.name] : [])),
  );
  if (creating.size) {
    ctx.actions = ctx.actions.filter((a) => a.kind !== 'createAnalysisRun');
    const left = (ctx.status.analysisRuns ?? []).filter(
      (e) => !e.analysisRun || !creating.has(e.analysisRun),
    );
    if (left.length) ctx.status.analysisRuns = left;
    else delete ctx.status.analysisRuns;
  }
  const names = new Set(
    (ctx.ex.spec.analyses ?? []).map((a) => experimentRunName(ctx.ex.metadata.name, a)),
  );
  for (const run of ctx.o.analysisRuns) {
    if (
      !names.has(run.metadata.name) ||
      run.spec.terminate ||
      isCompletedAnalysisPhase(run.status?.phase)
    )
      continue;
    ctx.actions.push({ kind: 'terminateAnalysisRun', name: run.metadata.name });
  }
}
