import type { RolloutInfo } from '../../core/rollout-info/index.js';
import { loadRolloutInfo } from '../../controller/load-rollout-info.js';
import { CliError, EXIT, UsageError } from '../cli-errors.js';
import { type CommandContext, outputFormat, required } from '../command-context.js';
import { flagOn } from '../parse-args.js';
import { renderRolloutHeader } from '../render/rollout-header.js';
import { renderRolloutTree } from '../render/rollout-tree.js';
import { renderStructured } from '../render/structured.js';

/** Moves the cursor home and clears the screen: a `--watch` frame replaces the last one on a terminal. */
export const CLEAR_SCREEN = '\u001b[H\u001b[2J';
const POLL_MS = 1000;

/**
 * `get rollout NAME [-w] [--no-color] [--timeout-seconds N] [-o json|yaml]` (spec §5): the header
 * and tree. With `--watch` it polls every second: on a terminal each frame clears and redraws the
 * screen (ages tick); otherwise a frame is printed, after a blank line, only when something other
 * than the ages changed. It ends on Ctrl-C or after `--timeout-seconds`.
 */
export async function getCommand(ctx: CommandContext): Promise<number> {
  const what = ctx.args.positionals[1];
  if (what === 'experiment' || what === 'exp')
    throw new CliError('get experiment is not implemented yet');
  if (what !== 'rollout' && what !== 'rollouts' && what !== 'ro')
    throw new UsageError(
      `get: unknown resource ${JSON.stringify(what ?? '')}: use "get rollout NAME"`,
    );
  const name = required(ctx, 2, 'rollout name');
  const format = outputFormat(ctx);
  const timeoutSeconds = parseTimeoutSeconds(ctx.args.flags.get('timeout-seconds'));
  const { kube } = ctx.cluster();
  const namespace = ctx.namespace();
  const render = (info: RolloutInfo) =>
    format
      ? renderStructured(info, format)
      : `${renderRolloutHeader(info, ctx.paint)}\n\n${renderRolloutTree(info, ctx.paint)}`;
  const load = async () => {
    const info = await loadRolloutInfo(kube, namespace, name, ctx.deps.now());
    if (!info) throw new CliError(`rollouts.argoproj.io "${name}" not found`);
    return info;
  };
  if (!flagOn(ctx.args, 'watch')) {
    ctx.out(render(await load()));
    return EXIT.ok;
  }
  const start = ctx.deps.now();
  const signal = ctx.deps.signal;
  let last: string | undefined;
  while (!signal?.aborted) {
    const info = await load();
    const key = JSON.stringify(info, (k, v: unknown) =>
      k === 'ageSeconds' || k === 'scaleDownDelaySeconds' ? undefined : v,
    );
    if (ctx.deps.io.isTTY && !format) ctx.deps.io.stdout(`${CLEAR_SCREEN}${render(info)}\n`);
    else if (key !== last) ctx.out(`${last === undefined ? '' : '\n'}${render(info)}`);
    last = key;
    if (timeoutSeconds > 0 && ctx.deps.now() - start >= timeoutSeconds * 1000) break;
    await ctx.deps.sleep(POLL_MS);
  }
  return EXIT.ok;
}

function parseTimeoutSeconds(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^[0-9]+$/.test(value))
    throw new UsageError(`invalid --timeout-seconds ${JSON.stringify(value)}: whole seconds`);
  return Number(value);
}
