import type { Argument } from '../../../domain/analysis.js';
import type { Rollout } from '../../../domain/index.js';
import { resolveFieldRef } from './field-ref.js';
import { AnalysisArgsError } from './merge-args.js';

/** A Rollout-side arg (`RolloutAnalysis.args`, spec §2.2) with its valueFrom. */
export interface RolloutArgument {
  name: string;
  value?: string;
  valueFrom?: { podTemplateHashValue?: 'Stable' | 'Latest'; fieldRef?: { fieldPath: string } };
}

/**
 * Resolves the Rollout-side args into plain values where the Rollout can: podTemplateHashValue
 * (Stable/Latest) and fieldRef into the Rollout object. What cannot be resolved is an error.
 */
export function resolveRolloutArgs(
  rollout: Rollout,
  args: RolloutArgument[],
  hashes: { stable?: string; latest?: string },
): Argument[] {
  return args.map((a) => {
    if (a.value !== undefined) return { name: a.name, value: a.value };
    const hash = a.valueFrom?.podTemplateHashValue;
    if (hash) {
      const value = hash === 'Stable' ? hashes.stable : hashes.latest;
      if (!value)
        throw new AnalysisArgsError(
          `failed to resolve podTemplateHashValue ${hash} for args.${a.name}`,
        );
      return { name: a.name, value };
    }
    const path = a.valueFrom?.fieldRef?.fieldPath;
    if (path) {
      return { name: a.name, value: resolveFieldRef(rollout, path, a.name) };
    }
    throw new AnalysisArgsError(`args.${a.name} was not resolved`);
  });
}
