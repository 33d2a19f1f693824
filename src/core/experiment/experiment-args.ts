import type { Argument } from '../../domain/analysis.js';
import { AnalysisArgsError, PLACEHOLDER, resolveFieldRef } from '../analysis/args/index.js';
import { durationEndsAt } from './experiment-duration.js';
import type { Experiment, ExperimentStatus } from '../../domain/experiment.js';
import { templateReplicaSetName } from './template-replica-set.js';
import { isoTime } from '../../domain/time.js';

/** The experiment-level placeholders an arg value may use (spec §2.2). */
export function experimentPlaceholders(
  ex: Experiment,
  status: ExperimentStatus,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of ex.spec.templates) {
    const hash = status.templateStatuses?.find((s) => s.name === t.name)?.podTemplateHash;
    if (hash) out.set(`templates.${t.name}.podTemplateHash`, hash);
    out.set(`templates.${t.name}.replicaset.name`, templateReplicaSetName(ex, t));
  }
  if (status.availableAt) out.set('experiment.availableAt', status.availableAt);
  const end = durationEndsAt(ex, status);
  if (end !== undefined) out.set('experiment.finishedAt', isoTime(end));
  return out;
}

/**
 * Resolves an analysis's args where the Experiment can: placeholders in values, and `fieldRef`
 * into the Experiment object. `secretKeyRef` is passed on for the AnalysisRun to read when it
 * measures. Unresolvable args throw AnalysisArgsError.
 */
export function resolveExperimentArgs(
  ex: Experiment,
  status: ExperimentStatus,
  args: Argument[],
): Argument[] {
  const values = experimentPlaceholders(ex, status);
  return args.map((a) => {
    if (a.value !== undefined) {
      const value = a.value.replace(PLACEHOLDER, (whole, key: string) => {
        const v = values.get(key);
        if (v === undefined) throw new AnalysisArgsError(`failed to resolve ${whole}`);
        return v;
      });
      return { name: a.name, value };
    }
    if (a.valueFrom?.secretKeyRef)
      return { name: a.name, valueFrom: { secretKeyRef: a.valueFrom.secretKeyRef } };
    const path = a.valueFrom?.fieldRef?.fieldPath;
    if (path) {
      return { name: a.name, value: resolveFieldRef(ex, path, a.name) };
    }
    throw new AnalysisArgsError(`args.${a.name} was not resolved`);
  });
}
