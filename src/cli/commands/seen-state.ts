import { parseSeenState, type SeenState } from '../../core/rollout/operations/index.js';
import { UsageError } from '../cli-errors.js';
import type { CommandContext } from '../command-context.js';

/**
 * `--step-index N` and `--pod-hash H`: the `status.currentStepIndex` and `status.currentPodHash` a
 * script read (`kubectl get ro NAME -o jsonpath='{.status.currentPodHash}'`) and means the write
 * for (issue 15). Without them the write is bound to what the command reads first, so a conflict
 * is never retried into a different operation either way.
 */
export function parseSeenFlags(ctx: CommandContext): SeenState {
  const parsed = parseSeenState(ctx.args.flags.get('step-index'), ctx.args.flags.get('pod-hash'), {
    stepIndex: '--step-index',
    podHash: '--pod-hash',
  });
  if ('invalid' in parsed) throw new UsageError(parsed.invalid);
  return parsed.seen;
}
