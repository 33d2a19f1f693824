import type { Argument, Metric } from '../../../domain/analysis.js';
import { AnalysisArgsError } from './merge-args.js';

export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * Replaces `{{args.<name>}}` throughout a metric (spec §2.2), JSON-escaping each value so it is
 * safe inside strings of the metric's JSON. Unknown placeholders are an error. `values` holds the
 * resolved value of each arg (secrets included, resolved only at measurement time).
 */
export function substituteArgs(
  metric: Metric,
  values: ReadonlyMap<string, string>,
  extra: ReadonlyMap<string, string> = new Map(),
): Metric {
  const json = JSON.stringify(metric);
  const replaced = json.replace(PLACEHOLDER, (whole, key: string) => {
    const name = key.startsWith('args.') ? key.slice(5) : undefined;
    const value = name !== undefined ? values.get(name) : extra.get(key);
    if (value === undefined) throw new AnalysisArgsError(`failed to resolve ${whole}`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(replaced) as Metric;
}

/** Arg values known without secrets; secretKeyRef args are left for the measurement step. */
export function plainArgValues(args: Argument[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of args) if (a.value !== undefined) out.set(a.name, a.value);
  return out;
}
