import type { AnalysisTemplateSpec, Argument, Metric } from '../../../domain/analysis.js';

export class AnalysisArgsError extends Error {
  readonly code = 'AnalysisArgsError';
}

export interface ResolvedTemplates {
  metrics: Metric[];
  args: Argument[];
  dryRun: Array<{ metricName: string }>;
  measurementRetention: Array<{ metricName: string; limit: number }>;
}

/**
 * Flattens templates (spec §2.1: nested `templates` followed, duplicates along the chain kept once)
 * and merges their args (§2.2): the same name with two different default values is an error;
 * duplicate metric names across templates are an error.
 */
export function mergeTemplates(specs: AnalysisTemplateSpec[]): ResolvedTemplates {
  const metrics: Metric[] = [];
  const args = new Map<string, Argument>();
  const dryRun: Array<{ metricName: string }> = [];
  const retention: Array<{ metricName: string; limit: number }> = [];
  for (const spec of specs) {
    for (const m of spec.metrics ?? []) {
      if (metrics.some((x) => x.name === m.name))
        throw new AnalysisArgsError(`two metrics have the same name '${m.name}'`);
      metrics.push(structuredClone(m));
    }
    for (const a of spec.args ?? []) {
      const prev = args.get(a.name);
      if (prev && prev.value !== undefined && a.value !== undefined && prev.value !== a.value) {
        throw new AnalysisArgsError(
          `Argument '${a.name}' attempted to update value from '${prev.value}' to '${a.value}'`,
        );
      }
      args.set(a.name, {
        ...prev,
        ...a,
        ...(prev?.value !== undefined && a.value === undefined ? { value: prev.value } : {}),
      });
    }
    dryRun.push(...(spec.dryRun ?? []));
    retention.push(...(spec.measurementRetention ?? []));
  }
  return { metrics, args: [...args.values()], dryRun, measurementRetention: retention };
}

/** Incoming (Rollout-side) args override the templates' by name; an arg left without value or valueFrom is an error. */
export function mergeArgs(templateArgs: Argument[], incoming: Argument[]): Argument[] {
  const out = new Map(templateArgs.map((a) => [a.name, { ...a }]));
  for (const a of incoming) {
    const base = out.get(a.name);
    if (!base) continue;
    out.set(a.name, {
      name: a.name,
      ...(a.value !== undefined ? { value: a.value } : {}),
      ...(a.valueFrom ? { valueFrom: a.valueFrom } : {}),
    });
  }
  for (const a of out.values())
    if (a.value === undefined && !a.valueFrom)
      throw new AnalysisArgsError(`args.${a.name} was not resolved`);
  return [...out.values()];
}
