import { executeSetImage } from '../../controller/execute-set-image.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, required } from '../command-context.js';
import { parseSeenFlags } from './seen-state.js';

/** `set image NAME container=image` (`*=image` for every container), spec §1.8; bound like the operations (issue 15). */
export async function setImageCommand(ctx: CommandContext): Promise<number> {
  if (ctx.args.positionals[1] !== 'image')
    throw new UsageError(
      `set: unknown property ${JSON.stringify(ctx.args.positionals[1] ?? '')}: use "set image NAME container=image"`,
    );
  const name = required(ctx, 2, 'rollout name');
  const pair = required(ctx, 3, 'container=image');
  const eq = pair.indexOf('=');
  const container = eq > 0 ? pair.slice(0, eq) : '';
  const image = eq > 0 ? pair.slice(eq + 1) : '';
  if (!container || !image || /\s/.test(image))
    throw new UsageError(`expected container=image, got ${JSON.stringify(pair)}`);
  const outcome = await executeSetImage(
    { kube: ctx.cluster().kube, now: () => ctx.deps.now() },
    { namespace: ctx.namespace(), name },
    container,
    image,
    { actor: ctx.deps.actor, via: 'rollouts set image' },
    parseSeenFlags(ctx),
  );
  if (outcome.outcome === 'not-found')
    throw new CliError(`rollouts.argoproj.io "${name}" not found`);
  if (outcome.outcome === 'refused' || outcome.outcome === 'stale')
    throw new CliError(outcome.reason);
  ctx.out(`rollout "${name}" image updated`);
  return EXIT.ok;
}
