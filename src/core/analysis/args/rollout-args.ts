import type { Argument } from '../../../domain/analysis.js';
import type { Rollout } from '../../../domain/index.js';
import { AnalysisArgsError } from './merge-args.js';

/** A Rollout-side arg (`RolloutAnalysis.args`, spec §2.2) with its valueFrom. */
export interface RolloutArgument {
  name: string;
  value?: string;
  valueFrom?: { podTemplateHashValue?: 'Stable' | 'Latest'; fieldRef?: { fieldPath: string } };
}

function lookup(obj: unknown, path: string): unknown {
  // Downward-API syntax for metadata (`metadata.labels['env']`), dotted/bracketed paths elsewhere.
  const parts = path.replace(/\['([^']*)'\]/g, '.$1').replace(/\["([^"]*)"\]/g, '.$1').replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean);
  let cur: unknown = obj;
  for (const p of parts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/**
 * Resolves the Rollout-side args into plain values where the Rollout can: podTemplateHashValue
 * (Stable/Latest) and fieldRef into the Rollout object. What cannot be resolved is an error.
 */
export function resolveRolloutArgs(rollout: Rollout, args: RolloutArgument[], hashes: { stable?: string; latest?: string }): Argument[] {
  return args.map((a) => {
    if (a.value !== undefined) return { name: a.name, value: a.value };
    const hash = a.valueFrom?.podTemplateHashValue;
    if (hash) {
      const value = hash === 'Stable' ? hashes.stable : hashes.latest;
      if (!value) throw new AnalysisArgsError(`failed to resolve podTemplateHashValue ${hash} for args.${a.name}`);
      return { name: a.name, value };
    }
    const path = a.valueFrom?.fieldRef?.fieldPath;
    if (path) {
      const v = lookup(rollout, path);
      if (v === undefined || v === null || typeof v === 'object') throw new AnalysisArgsError(`failed to resolve fieldRef ${path} for args.${a.name}`);
      return { name: a.name, value: String(v) };
    }
    throw new AnalysisArgsError(`args.${a.name} was not resolved`);
  });
}
