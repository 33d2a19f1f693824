import { AnalysisArgsError } from './merge-args.js';

/** Reads a dotted or bracketed path (`metadata.labels['env']`, downward-API style) from an object. */
function lookup(obj: unknown, path: string): unknown {
  const parts = path
    .replace(/\['([^']*)'\]/g, '.$1')
    .replace(/\["([^"]*)"\]/g, '.$1')
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean);
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** An arg's `valueFrom.fieldRef` into its owner (a Rollout or an Experiment): a scalar, or an AnalysisArgsError. */
export function resolveFieldRef(owner: unknown, path: string, argName: string): string {
  const v = lookup(owner, path);
  if (v === undefined || v === null || typeof v === 'object')
    throw new AnalysisArgsError(`failed to resolve fieldRef ${path} for args.${argName}`);
  return String(v);
}
