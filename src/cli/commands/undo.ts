import { executeUndo } from '../../controller/execute-undo.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, required } from '../command-context.js';
import { parseSeenFlags } from './seen-state.js';

/** `undo NAME [--to-revision N]` (spec §1.8, §5): N = 0 (the default) is the previous revision; bound like the operations (issue 15). */
export async function undoCommand(ctx: CommandContext): Promise<number> {
  const name = required(ctx, 1, 'rollout name');
  const raw = ctx.args.flags.get('to-revision') ?? '0';
  if (!/^[0-9]{1,9}$/.test(raw))
    throw new UsageError(`invalid --to-revision ${JSON.stringify(raw)}: a revision number`);
  const outcome = await executeUndo(
    { kube: ctx.cluster().kube, now: () => ctx.deps.now() },
    { namespace: ctx.namespace(), name },
    Number(raw),
    { actor: ctx.deps.actor, via: 'rollouts undo' },
    parseSeenFlags(ctx),
  );
  if (outcome.outcome === 'not-found')
    throw new CliError(`rollouts.argoproj.io "${name}" not found`);
  if (outcome.outcome === 'refused' || outcome.outcome === 'stale')
    throw new CliError(outcome.reason);
  if (outcome.outcome === 'skipped') ctx.out(outcome.reason);
  else ctx.out(`rollout '${name}' rolled back to revision ${outcome.revision ?? ''}`.trimEnd());
  return EXIT.ok;
}
